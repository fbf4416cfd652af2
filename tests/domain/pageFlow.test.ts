/** The page layout the Word draft is planned with: lines of Chinese text, Word's page rules, figures sized and placed to fill pages. */
import { describe, expect, it } from 'vitest';
import { lineCount, paginate, planFigures, type FlowItem, type PlanBlock } from '../../src/domain/present/pageFlow';

const W = 442; // 156 mm of text width, in points
const para = (lines: number, o: Partial<Extract<FlowItem, { kind: 'lines' }>> = {}): FlowItem => ({ kind: 'lines', lines, lineHeight: 28, before: 0, after: 0, keepNext: false, keepLines: false, ...o });
const text = (lines: number, passable = true): PlanBlock => ({ kind: 'flow', items: [para(lines)], passable });
const caption: FlowItem = para(1, { lineHeight: 20, keepLines: true });
const fig = (height: number, minHeight = height * 0.76): PlanBlock => ({ kind: 'figure', height, minHeight, before: 6, caption });
const PAGE = 640;

describe('lineCount', () => {
  it('counts 三号 Chinese at 27 characters a line, two fewer on an indented first line', () => {
    expect(lineCount('字'.repeat(27), W, 16)).toBe(1);
    expect(lineCount('字'.repeat(28), W, 16)).toBe(2);
    expect(lineCount('字'.repeat(26), W, 16, 32)).toBe(2);
    expect(lineCount('字'.repeat(25), W, 16, 32)).toBe(1);
  });

  it('keeps a number whole and lets closing punctuation hang at the margin instead of starting a line', () => {
    // 26 characters then a number that does not fit: the number moves whole to the next line.
    expect(lineCount(`${'字'.repeat(26)}846.10`, W, 16)).toBe(2);
    // 27 characters and a full stop: the stop hangs, no second line.
    expect(lineCount(`${'字'.repeat(27)}。`, W, 16)).toBe(1);
    // An opening bracket never ends a line: it moves with the character after it.
    expect(lineCount(`${'字'.repeat(26)}（字`, W, 16)).toBe(2);
    expect(lineCount('一行\n二行', W, 16)).toBe(2);
  });

  // The cases below are LibreOffice Writer's breaks, read back from its PDFs of these very strings.
  it('puts a fifth of the font size between Chinese and a Latin word or number, Latin in Times New Roman widths', () => {
    // 26 characters (416) and 「123」 (3 × 8): 440 would fit, but with Writer's 3.2 points between them it is 443.2.
    expect(lineCount(`${'字'.repeat(26)}123`, W, 16)).toBe(2);
    expect(lineCount(`${'字'.repeat(26)}12`, W, 16)).toBe(1);
    // 「LPR」 is 1.834 em of Times New Roman (29.3 points at 三号), not three average letters.
    expect(lineCount(`${'字'.repeat(25)}LPR`, W, 16)).toBe(1);
  });

  it('hangs a comma only after a Chinese character and never in a table cell', () => {
    // The comma hangs: 27 + ， on the first line, 27 on the second.
    expect(lineCount(`${'字'.repeat(27)}，${'字'.repeat(27)}`, W, 16)).toBe(2);
    // After a number it does not: 「1，」 starts the second line, which then runs over.
    expect(lineCount(`${'字'.repeat(26)}1，${'字'.repeat(27)}`, W, 16)).toBe(3);
    expect(lineCount(`${'字'.repeat(27)}，${'字'.repeat(27)}`, W, 16, 0, true)).toBe(3);
  });

  it('never breaks between a closing bracket and a number, nor between a Latin word and an opening bracket', () => {
    // 「（8.04%）」 would end the first line, but 「）1.74」 may not part: the bracket goes down with it and the second line runs over.
    expect(lineCount(`${'字'.repeat(23)}（8.04%）1.74${'字'.repeat(22)}`, W, 16)).toBe(3);
    // 「LPR（字」 moves whole.
    expect(lineCount(`${'字'.repeat(25)}LPR（${'字'.repeat(26)}`, W, 16)).toBe(3);
    // A number wider than a narrow cell breaks where the cell is full: four digits of 小五 in 20 points.
    expect(lineCount('1234567890', 20, 9, 0, true)).toBe(3);
  });
});

describe('paginate', () => {
  it('splits a paragraph between pages keeping two lines on each side', () => {
    // 21 lines fill 588 of 640; a 5-line paragraph leaves 1 line of room: it moves whole (widow/orphan control).
    const r = paginate([para(21), para(5)], PAGE);
    expect(r.placed.map((p) => p.page)).toEqual([0, 1]);
    // 20 lines leave 2 lines of room: a 5-line paragraph splits 2 + 3.
    const s = paginate([para(20), para(5)], PAGE);
    expect(s.placed.map((p) => p.page)).toEqual([0, 0]);
    expect(s.end).toMatchObject({ page: 1, y: 84 });
  });

  it('moves a heading with the start of its paragraph, and a table row whole with the header repeated', () => {
    const r = paginate([para(21), para(1, { keepNext: true }), para(4)], PAGE);
    expect(r.placed.map((p) => p.page)).toEqual([0, 1, 1]);
    const t = paginate([para(20), { kind: 'rows', header: 30, rows: [30, 30, 30] }], PAGE);
    // 560 + header 30 + one row 30 = 620; the next row goes over with the header again: 30 + 30 + 30.
    expect(t.end).toMatchObject({ page: 1, y: 90 });
  });

  it('drops the space above a paragraph at the top of a page and lets it overlap the space below the one before', () => {
    // Writer keeps the larger of a paragraph's space below and the next one's space above, not their sum.
    const r = paginate([para(1, { after: 10 }), para(1, { before: 20 }), para(1, { before: 6, after: 8 }), para(1, { before: 6 })], PAGE);
    expect(r.placed.map((p) => p.top)).toEqual([0, 48, 82, 118]);
    // 22 lines fill 616: a paragraph with 20 points above goes to the next page and starts at its top.
    const top = paginate([para(22), para(1, { before: 20 })], PAGE);
    expect(top.placed[1]).toEqual({ page: 1, top: 0 });
  });

  it('moves a picture that does not fit to the next page, with its caption', () => {
    const r = paginate([para(15), { kind: 'box', height: 300, before: 6, after: 0, keepNext: true }, caption], PAGE);
    expect(r.placed.map((p) => p.page)).toEqual([0, 1, 1]);
  });
});

describe('planFigures', () => {
  it('puts two half-page figures on a page', () => {
    const plan = planFigures([fig(280), fig(280), fig(280), fig(280)], PAGE);
    expect(plan.pageCount).toBe(2);
    expect([...plan.pages.values()]).toEqual([0, 0, 1, 1]);
    expect([...plan.heights.values()]).toEqual([280, 280, 280, 280]);
  });

  it('shrinks the figures after a paragraph by one factor so both fit beside it, but no further than they may', () => {
    // 4 lines (112) + two figures of 280 + 2 × 26 overhead = 724 > 640: both shrink to (640 − 112 − 52 − 6) / 560, 6 points to spare.
    const plan = planFigures([text(4), fig(280), fig(280)], PAGE);
    expect(plan.pageCount).toBe(1);
    const k = (640 - 112 - 52 - 6) / 560;
    for (const h of [plan.heights.get(1), plan.heights.get(2)]) expect(h).toBeCloseTo(280 * k, 5);
    // 8 lines leave too little for both: the first keeps its size, the second goes to the next page.
    const tall = planFigures([text(8), fig(280), fig(280)], PAGE);
    expect(tall.heights.get(1)).toBe(280);
    expect(tall.pages.get(2)).toBe(1);
  });

  it('lets the paragraphs after a figure that does not fit fill the page, the figure following the one that runs over', () => {
    const blocks = [text(15), fig(280), text(3), text(6), text(4)];
    const plan = planFigures(blocks, PAGE);
    // 15 lines (420) leave 220: the figure does not fit even shrunk (280 × 0.76 + 26 = 238.8).
    expect(plan.order).toEqual([0, 2, 3, 1, 4]);
    expect(plan.pages.get(1)).toBe(1);
    // Nothing is left blank: 15 + 3 lines on page 0, then 4 of the 6-line paragraph's lines; the figure follows its last 2.
    expect(plan.pages.get(3)).toBe(0);
  });

  it('never moves a figure past the next figure, a section heading or a table', () => {
    const plan = planFigures([text(15), fig(280), fig(280), text(3)], PAGE);
    expect(plan.order).toEqual([0, 1, 2, 3]);
    const section = planFigures([text(15), fig(280), text(2, false), text(3)], PAGE);
    expect(section.order).toEqual([0, 1, 2, 3]);
    expect(section.pages.get(1)).toBe(1);
  });
});
