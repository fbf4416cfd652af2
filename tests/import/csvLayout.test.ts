import { describe, expect, it } from 'vitest';
import { csvFormProblems, csvRowBeyond } from '../../src/domain/import/csvLayout';
import type { RawCell } from '../../src/domain/import/workbook';

const sheet = (rows: string[][]): Record<string, RawCell> => {
  const out: Record<string, RawCell> = {};
  rows.forEach((r, i) => r.forEach((v, c) => v !== '' && (out[`${String.fromCharCode(65 + c)}${i + 1}`] = { t: 's', v })));
  return out;
};

describe('the CSV form itself', () => {
  it('rows past the cap with content are found; quoted line breaks stay in their row; empty rows do not count', () => {
    expect(csvRowBeyond('a,b\r\nc,d\r\n', 1)).toBe(2);
    expect(csvRowBeyond('a,b\r\n,,,\r\n\r\n', 1)).toBeNull();
    expect(csvRowBeyond('a,"x\ny\nz"\r\n', 1)).toBeNull();
    expect(csvRowBeyond('a,"x\ny"\nb', 2)).toBeNull();
    expect(csvRowBeyond('a,"x\ny"\n\nb', 2)).toBe(3);
    expect(csvRowBeyond('a\n\n\nb', 3)).toBe(4);
  });

  it('extra fields name the row, and an unquoted thousands separator is said to be one', () => {
    const p = csvFormProblems(sheet([['定义名称', '项目', '单位', '数值'], ['RV_a', '甲', '万元', '1', '234.5'], ['RV_b', '乙', '万元', '5', '', ''], ['RV_c', '丙,丁', '万元', '7', '备注']]));
    expect(p.map((x) => [x.code, x.cell])).toEqual([
      ['E_CSV_EXTRA_FIELDS', 'E2'],
      ['E_CSV_EXTRA_FIELDS', 'E4'],
    ]);
    expect(p[0]?.message).toContain('数值「1,234.5」中的千分位逗号没有加英文双引号');
    expect(p[1]?.message).toContain('可能有未加英文双引号的逗号');
  });

  it('a 定义名称 given twice names both rows', () => {
    const p = csvFormProblems(sheet([['定义名称', '项目', '单位', '数值'], ['RV_cover_quarter', '报告期', '', '2025Q3'], ['RV_x', '甲', '', '1'], ['RV_cover_quarter', '报告期', '', '2025Q2']]));
    expect(p).toEqual([{ code: 'E_CSV_DUPLICATE', cell: 'A4', message: expect.stringContaining('CSV 第 2 行和第 4 行都是「RV_cover_quarter」（报告期）') as unknown as string }]);
  });
});
