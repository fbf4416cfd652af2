import { describe, expect, it } from 'vitest';
import { excelSheetName, sheetOfTable, sheetToTsv, type ScreenColumn } from '../../src/domain/present/officeTable';
import { checkResultSheet } from '../../src/domain/present/checkSheet';
import { checkedSheet } from '../../src/services/exports/screenTable';

interface Row {
  code: string;
  name: string;
  bal: number | null;
  growth: number | null;
  state: string;
}

const columns: ScreenColumn[] = [
  { key: 'name', label: '机构' },
  { key: 'bal', label: '贷款余额', unit: '万元', kind: 'amount' },
  { key: 'growth', label: '比年初增速', kind: 'percent' },
  { key: 'state', label: '状态' },
];
const rows: Row[] = Array.from({ length: 110 }, (_, i) => ({ code: `B${i}`, name: `第${i + 1}家银行`, bal: i === 3 ? null : 16588.07 + i, growth: i % 2 ? 0.1234 : null, state: i % 3 ? '已报' : '未报' }));
const read = {
  value: (r: Row, c: ScreenColumn): unknown => r[c.key as keyof Row],
  text: (r: Row, c: ScreenColumn): string => (c.key === 'state' ? `${r.state}（${r.code}）` : String(r[c.key as keyof Row] ?? '')),
};

describe('a window table as an office table', () => {
  const s = sheetOfTable(columns, rows, read, { title: '安康市贷款情况', period: '报告期：2025年第四季度', source: '各金融机构季度报送' });

  it('takes every row, numbers as numbers with the column’s format, other cells as the window shows them', () => {
    expect(s.rows).toHaveLength(110);
    expect(s.columns.map((c) => [c.header, c.format])).toEqual([
      ['机构', 'text'],
      ['贷款余额（万元）', 'amount'],
      ['比年初增速', 'percent'],
      ['状态', 'text'],
    ]);
    expect(s.rows[0]).toEqual({ name: '第1家银行', bal: 16588.07, growth: null, state: '未报（B0）' });
    expect(s.rows[3]?.['bal']).toBeNull();
    const tsv = sheetToTsv(s).split('\r\n');
    expect(tsv[1]).toBe('第1家银行\t16,588.07\t无数据\t未报（B0）');
    expect(tsv[2]).toBe('第2家银行\t16,589.07\t12.34%\t已报（B1）');
    expect(tsv).toHaveLength(112); // header, 110 rows, the final CRLF
  });

  it('sheet names Excel accepts', () => {
    expect(excelSheetName('机构 × 季度:报送/情况[2025]')).toBe('机构 × 季度_报送_情况_2025_');
    expect(excelSheetName('报送情况（全角：可用）')).toBe('报送情况（全角：可用）');
    expect(excelSheetName('很长的名字'.repeat(10))).toHaveLength(31);
    expect(excelSheetName('')).toBe('数据');
  });

  it('the services accept that sheet as sent, and refuse a malformed one in Chinese', () => {
    expect(checkedSheet(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(() => checkedSheet({ ...s, columns: [] })).toThrow(/表格不完整（列）/);
    expect(() => checkedSheet({ ...s, rows: [{ name: { evil: 1 } }] })).toThrow(/第 1 行「机构」/);
    expect(() => checkedSheet({ ...s, columns: [{ ...s.columns[0], format: 'formula' }] })).toThrow(/第 1 列的格式/);
    expect(() => checkedSheet({ ...s, rows: [{ bal: Number.POSITIVE_INFINITY }] })).toThrow(/贷款余额/);
  });
});

describe('the import check result as a table', () => {
  it('one row per problem with file, sheet and cell; a clean file keeps one row', () => {
    const s = checkResultSheet(
      [
        { file: 'a.xlsx', institutionName: '安康农行', quarter: '2025Q4', result: '不能导入', errors: [{ sheet: '贷款', cell: 'C7', message: '不是数字', rule: 'R01', ruleTitle: '余额非负' }], warnings: [{ sheet: null, cell: null, message: '文件名与封面不符' }], notes: [] },
        { file: 'b.xlsx', institution: 'AK-BOC', quarter: '2025Q4', result: '可以导入', errors: [], warnings: [], notes: [] },
      ],
      { title: '报表检查结果', period: '检查日期：2026年3月2日' },
    );
    expect(sheetToTsv(s).split('\r\n').slice(0, 4)).toEqual([
      '文件\t机构\t报告期\t结果\t级别\t工作表\t单元格\t问题\t审核公式',
      'a.xlsx\t安康农行\t2025Q4\t不能导入\t错误\t贷款\tC7\t不是数字\tR01 余额非负',
      'a.xlsx\t安康农行\t2025Q4\t不能导入\t警告\t（整个文件）\t\t文件名与封面不符\t',
      'b.xlsx\tAK-BOC\t2025Q4\t可以导入\t\t\t\t检查通过，没有错误或警告\t',
    ]);
  });
});
