/**
 * The grid's live checks (src/domain/assessment/edit.ts) on the shipped 安康 scheme: totals per
 * category and part in exact hundredths, the difference in words, grade lines in order, and
 * the changes between two versions in words — share grading included.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scheme } from '../../src/domain/assessment/types';
import { applyEdit, categoryTotal, describeChanges, differenceWords, gradingProblems, parseFigure, partTotals, pointsProblem } from '../../src/domain/assessment/edit';

const shipped = JSON.parse(readFileSync(join(__dirname, '../../resources/schemes/ankang.default.json'), 'utf8')) as Scheme;

describe('scheme edit checks', () => {
  it('adds up each category and part exactly and says the difference', () => {
    expect(categoryTotal(shipped, 'loan_total')).toBe(20);
    expect(partTotals(shipped).overall).toEqual({ declared: 100, total: 100, difference: 0 });
    // 7 → 7.1 and 7 → 7.2 elsewhere: 75.3 in floating point is 75.30000000000001; in hundredths it is 75.3.
    const off = applyEdit(shipped, { points: { agri_increment: 7.1, agri_growth: 7.2 } });
    const q = partTotals(off).parts[0];
    expect(q).toEqual({ part: 'quantitative', label: '定量指标', declared: 75, total: 75.3, difference: 0.3 });
    expect(differenceWords(q?.difference ?? 0)).toBe('多 0.30 分');
    expect(differenceWords(-1)).toBe('少 1 分');
    expect(categoryTotal(off, 'loan_total')).toBe(20.3);
    expect(partTotals(off).overall.difference).toBe(0.3);
  });

  it('reads a figure as typed or pasted from Excel, and says what is wrong with it', () => {
    expect(['7', ' 7.5 ', '7.25分', '７．５', '0'].map((t) => parseFigure(t))).toEqual([{ value: 7 }, { value: 7.5 }, { value: 7.25 }, { value: 7.5 }, { value: 0 }]);
    expect(['', '-1', '7.125', 'abc', '1,5'].map((t) => parseFigure(t))).toEqual([
      { problem: '请填写分值' },
      { problem: '不能为负数' },
      { problem: '最多两位小数' },
      { problem: '应为数字' },
      { problem: '应为数字' },
    ]);
    expect([parseFigure('20%', true), parseFigure('12.5', true), parseFigure('', true)]).toEqual([{ value: 0.2 }, { value: 0.125 }, { problem: '请填写比例' }]);
  });

  it('checks each figure and the order of the grade lines', () => {
    expect([pointsProblem(7), pointsProblem(7.25), pointsProblem(-1), pointsProblem(7.125), pointsProblem(Number.NaN)]).toEqual(['', '', '不能为负数', '最多两位小数', '应为数字']);
    expect(gradingProblems(shipped.grading, 105)).toEqual([]);
    const swapped = applyEdit(shipped, { cutoffs: [{ grade: '一般', min: 85 }] });
    expect(gradingProblems(swapped.grading, 105)).toEqual(['等次「一般」的分数线 85 分应低于「良好」的 80 分']);
    const share: Scheme = { ...shipped, grading: { method: 'share', shares: [{ grade: '优秀', share: 0.5 }, { grade: '良好', share: 0.6 }] } };
    expect(gradingProblems(share.grading, 105)).toEqual(['按比例评级的比例合计 110% 超过 100%']);
  });

  it('describes what changed between two versions in words', () => {
    const share: Scheme = { ...shipped, grading: { method: 'share', shares: [{ grade: '优秀', share: 0.2 }, { grade: '良好', share: 0.3 }], minGroupSize: 4, cutoffs: [{ grade: '优秀', min: 90 }] } };
    const edited = applyEdit(share, { points: { q_policy: 4, q_system: 6, b_property: 1.5 }, caps: { penalty: 8 }, shares: [{ grade: '优秀', share: 0.125 }], cutoffs: [{ grade: '优秀', min: 88 }] });
    expect(describeChanges(share, edited)).toEqual([
      { item: '政策实施·「政策实施」分值', before: '5 分', after: '4 分' },
      { item: '制度建设·「制度建设」分值', before: '5 分', after: '6 分' },
      { item: '加分项·「开办农村产权抵押贷款」分值', before: '1 分', after: '1.50 分' },
      { item: '扣分项合计上限', before: '10 分', after: '8 分' },
      { item: '等次「优秀」分数线', before: '90 分', after: '88 分' },
      { item: '等次「优秀」组内比例', before: '20%', after: '12.50%' },
    ]);
    // The base is not touched.
    expect(share.items.find((i) => i.id === 'q_policy')?.max).toBe(5);
  });
});
