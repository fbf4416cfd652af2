import { describe, expect, it } from 'vitest';
import { balanceSheet, officeCellText, sheetToHtml, sheetToTsv, type OfficeSheet } from '../../src/domain/present/officeTable';

const cents = (xs: unknown[]): number => xs.reduce<number>((a, x) => a + (typeof x === 'number' ? Math.round(x * 100) : 0), 0);

function sheet(rows: OfficeSheet['rows'], extra: Partial<OfficeSheet> = {}): OfficeSheet {
  return {
    name: '测试',
    title: '测试表',
    period: '报告期：2025年第三季度',
    unit: '单位：万元',
    columns: [
      { key: 'name', header: '机构', width: 12 },
      { key: 'a', header: '富硒茶', width: 12, format: 'amount' },
      { key: 'b', header: '魔芋', width: 12, format: 'amount' },
      { key: 'total', header: '合计', width: 12, format: 'amount' },
      { key: 'share', header: '占比', width: 10, format: 'percent' },
    ],
    rows,
    source: '各金融机构季度报送',
    ...extra,
  };
}

describe('the table model on the clipboard', () => {
  const s = sheet([
    { name: '安康农行', a: 16588.07, b: 1234, total: 17822.07, share: 0.1234 },
    { name: '=HYPERLINK("http://x")', a: null, b: 0.5, total: 0.5, share: null },
    { name: '合计', a: 16588.07, b: 1234.5, total: 17822.57, share: 0.2, _bold: true },
  ]);

  it('prints every cell as the .xlsx and the Word table show it', () => {
    expect(officeCellText(s.columns[1]!, 16588.07)).toBe('16,588.07');
    expect(officeCellText(s.columns[1]!, null)).toBe('无数据');
    expect(officeCellText(s.columns[4]!, 0.1234)).toBe('12.3%');
    expect(officeCellText({ key: 'x', header: 'x', width: 1, format: 'percent', decimals: 2 }, 0.1234)).toBe('12.34%');
    expect(officeCellText({ key: 'x', header: 'x', width: 1, format: 'integer' }, 12345)).toBe('12,345');
  });

  it('as TSV: the header and every row, numbers with 千分位, no formula from a bank’s text', () => {
    const lines = sheetToTsv(s).split('\r\n');
    expect(lines[0]).toBe('机构\t富硒茶\t魔芋\t合计\t占比');
    expect(lines[1]).toBe('安康农行\t16,588.07\t1,234.00\t17,822.07\t12.3%');
    expect(lines[2]?.startsWith(`'=HYPERLINK`)).toBe(true);
    expect(lines[2]).toContain('\t无数据\t0.50\t');
    expect(lines).toHaveLength(5);
  });

  it('as HTML: numbers carry their value and Excel format, text stays text', () => {
    const html = sheetToHtml(s);
    expect(html).toContain('x:num="16588.07"');
    expect(html).toContain(`mso-number-format:'\\#\\,\\#\\#0\\.00'`);
    expect(html).toContain('>16,588.07</td>');
    expect(html).toContain('x:num="0.123"');
    expect(html).toContain(`mso-number-format:'0\\.0\\%'`);
    expect(html).toContain('测试表');
    expect(html).toContain('报告期：2025年第三季度');
    expect(html).toContain(`'=HYPERLINK(&quot;http://x&quot;)`);
    expect(html).not.toContain('<script');
    expect((html.match(/<tr>/g) ?? []).length).toBe(4);
  });
});

describe('舍位平衡 on a sheet', () => {
  it('balances each amount column to its 合计 row, and says so', () => {
    const s = balanceSheet(
      sheet([
        { name: '甲', a: 1.004, b: 2.346 },
        { name: '乙', a: 1.004, b: 3.347 },
        { name: '丙', a: 1.004, b: 4.348 },
        { name: '合计', a: 3.012, b: 10.041, _bold: true },
      ]),
      { keys: ['a', 'b'], totalRow: 3 },
    );
    expect(s.rows.map((r) => r['a'])).toEqual([1.01, 1, 1, 3.01]);
    expect(s.rows.map((r) => r['b'])).toEqual([2.34, 3.35, 4.35, 10.04]);
    expect(s.notes?.at(-1)).toContain('舍位平衡');
  });

  it('balances both ways when a 合计 column adds each row', () => {
    const rows = [0, 1, 2].map((i) => ({ name: `行${i}`, a: 0.004, b: 0.004, total: 0.008 }));
    const s = balanceSheet(sheet([...rows, { name: '合计', a: 0.012, b: 0.012, total: 0.024, _bold: true }]), { keys: ['a', 'b'], totalRow: 3, rowTotal: 'total' });
    for (const r of s.rows) expect(cents([r['a'], r['b']])).toBe(cents([r['total']]));
    expect(cents(s.rows.slice(0, 3).map((r) => r['a']))).toBe(cents([s.rows[3]?.['a']]));
    expect(cents(s.rows.slice(0, 3).map((r) => r['total']))).toBe(cents([s.rows[3]?.['total']]));
    expect(s.rows[3]?.['total']).toBe(0.02);
  });

  it('only rounds a column whose 合计 is not the sum of the rows shown, and adds no note when nothing moved', () => {
    const s = balanceSheet(
      sheet([
        { name: '甲', a: 1.004 },
        { name: '乙', a: 1.004 },
        { name: '合计（全市）', a: 5.678, _bold: true },
      ]),
      { keys: ['a'], totalRow: 2 },
    );
    expect(s.rows.map((r) => r['a'])).toEqual([1, 1, 5.68]);
    expect(s.notes).toBeUndefined();
  });
});
