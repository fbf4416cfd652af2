import { describe, expect, it } from 'vitest';
import { cellLabel, chaseList, chaseText, matchesState, statusRows, type StatusCellLike } from '../../src/domain/present/status';
import { baseName, mergePaths, splitPathText } from '../../src/domain/present/paths';
import { labelOfQuarter, quarterOptions, reportingQuarter } from '../../src/domain/present/periods';

const insts = [
  { code: 'A', name: '甲银行', region: 'ankang', type: '国有商业银行', example: false },
  { code: 'B', name: '乙农商行', region: 'ankang', type: '农商行/农信社', example: false },
  { code: 'C', name: '丙村镇银行', region: 'ankang', type: '村镇银行', example: false },
];
const cell = (institution: string, quarter: string, state: StatusCellLike['state'], receivedDate: string | null = null, resubmissions = 0): StatusCellLike => ({ institution, quarter, state, receivedDate, resubmissions });
const cells = [
  cell('A', '2025Q2', '已报', '2025-07-03'),
  cell('A', '2025Q3', '已报', '2025-10-02', 2),
  cell('B', '2025Q2', '逾期', '2025-07-09'),
  cell('B', '2025Q3', '未报'),
  cell('C', '2025Q2', '未报'),
  cell('C', '2025Q3', '逾期', '2025-10-20'),
];

describe('报送情况 rows and chase list', () => {
  const rows = statusRows(insts, cells);
  it('counts each institution’s reported, late, missing and resubmitted quarters', () => {
    expect(rows.map((r) => [r.code, r.reported, r.late, r.missing, r.resubmitted])).toEqual([
      ['A', 2, 0, 0, 1],
      ['B', 1, 1, 1, 0],
      ['C', 1, 1, 1, 0],
    ]);
    expect(cellLabel(rows[0]?.cells['2025Q3'])).toBe('已报·重报2次');
    expect(cellLabel(rows[1]?.cells['2025Q2'])).toBe('逾期');
  });
  it('filters rows by the state of any shown quarter', () => {
    const qs = ['2025Q2', '2025Q3'];
    expect(rows.filter((r) => matchesState(r, qs, '未报')).map((r) => r.code)).toEqual(['B', 'C']);
    expect(rows.filter((r) => matchesState(r, qs, '重报')).map((r) => r.code)).toEqual(['A']);
    expect(rows.filter((r) => matchesState(r, ['2025Q3'], '逾期')).map((r) => r.code)).toEqual(['C']);
  });
  it('chases missing reports first, then late ones, with days past the stored deadline', () => {
    // 2025Q3 ends 30 Sep; 5 Oct falls in 国庆, so the stored deadline is 9 Oct. Today 2025-10-25:
    // B is 16 days over; C arrived 20 Oct = 11 days late.
    const list = chaseList(rows, '2025Q3', { y: 2025, m: 10, d: 25 }, '2025-10-09');
    expect(list.map((i) => [i.code, i.state, i.deadline, i.daysOverdue])).toEqual([
      ['B', '未报', '2025-10-09', 16],
      ['C', '逾期', '2025-10-09', 11],
    ]);
    const text = chaseText(list, '2025年第三季度');
    expect(text).toContain('一、尚未报送（1家）');
    expect(text).toContain('乙农商行（截止 2025-10-09，已超 16 天）');
    expect(text).toContain('二、逾期报送（1家）');
    // Before the deadline nothing is overdue yet; without a deadline there is nothing to chase.
    expect(chaseList(rows, '2025Q3', { y: 2025, m: 10, d: 3 }, '2025-10-09')[0]?.daysOverdue).toBe(0);
    expect(chaseList(rows, '2025Q3', { y: 2025, m: 10, d: 25 }, null)).toEqual([]);
  });
  it('never chases a fictional bank (示例机构): it is not 应报', () => {
    const withExample = statusRows([...insts, { code: 'X', name: '示例村镇银行', region: 'ankang', type: '村镇银行', example: true }], [...cells, cell('X', '2025Q3', '未报')]);
    expect(withExample.find((r) => r.code === 'X')?.example).toBe(true);
    expect(chaseList(withExample, '2025Q3', { y: 2025, m: 10, d: 25 }, '2025-10-09').map((i) => i.code)).toEqual(['B', 'C']);
  });
});

describe('paths and periods', () => {
  it('takes pasted paths one a line, without Explorer quotes or duplicates', () => {
    expect(splitPathText('"D:\\报送\\a.xlsx"\r\n\n /tmp/b.xlsx \n')).toEqual(['D:\\报送\\a.xlsx', '/tmp/b.xlsx']);
    expect(mergePaths(['/a', '/b'], ['/b', '/c', '/a'])).toEqual(['/a', '/b', '/c']);
    expect(baseName('D:\\报送\\2025Q3\\农行.xlsx')).toBe('农行.xlsx');
    expect(baseName('/tmp/x/')).toBe('x');
  });
  it('offers quarters newest first and knows which quarter is due', () => {
    expect(reportingQuarter({ y: 2025, m: 10, d: 3 })).toEqual({ year: 2025, q: 3 });
    expect(reportingQuarter({ y: 2026, m: 1, d: 2 })).toEqual({ year: 2025, q: 4 });
    expect(quarterOptions({ year: 2025, q: 3 }, { year: 2026, q: 1 }).map((o) => o.id)).toEqual(['2026Q1', '2025Q4', '2025Q3']);
    expect(labelOfQuarter('2025Q3')).toBe('2025年第三季度');
    expect(labelOfQuarter('全年')).toBe('全年');
  });
});
