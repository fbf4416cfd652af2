import { describe, expect, it } from 'vitest';
import { balanceNote, balanceParts, balanceTable } from '../../src/domain/present/rounding';
import { rngFor as rng } from '../../src/domain/sample/random';

/** Sums in cents, so a float's tail cannot hide or fake a difference. */
const cents = (xs: readonly (number | null)[]): number => xs.reduce<number>((a, x) => a + (x === null ? 0 : Math.round(x * 100)), 0);
const plain = (x: number): number => Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-7) / 100;

describe('舍位平衡 of parts and their total', () => {
  it('moves the part with the largest remainder, so the printed parts add up to the printed total', () => {
    // 1.004 + 1.004 + 1.006 = 3.014 → 3.01; plain rounding prints 1.00 + 1.00 + 1.01 = 3.01 already.
    expect(balanceParts([1.004, 1.004, 1.006])).toEqual({ parts: [1, 1, 1.01], total: 3.01, adjusted: 0 });
    // 1.004 × 3 = 3.012 → 3.01; plain 1.00 × 3 = 3.00: one part goes up, the first of equal remainders.
    const r = balanceParts([1.004, 1.004, 1.004]);
    expect(r.total).toBe(3.01);
    expect(cents(r.parts)).toBe(301);
    expect(r.adjusted).toBe(1);
    // 2.346 + 3.347 + 4.348 = 10.041 → 10.04; plain 2.35 + 3.35 + 4.35 = 10.05: the smallest remainder (.346) goes down.
    expect(balanceParts([2.346, 3.347, 4.348])).toEqual({ parts: [2.34, 3.35, 4.35], total: 10.04, adjusted: 1 });
  });

  it('keeps 无数据 out and handles negatives (a fall 比年初)', () => {
    const r = balanceParts([null, -1.004, -1.004, 5.5, null]);
    expect(r.total).toBe(plain(-1.004 - 1.004 + 5.5));
    expect(r.parts[0]).toBeNull();
    expect(r.parts[4]).toBeNull();
    expect(cents(r.parts)).toBe(Math.round((r.total ?? 0) * 100));
    expect(balanceParts([null, null])).toEqual({ parts: [null, null], total: null, adjusted: 0 });
  });

  it('leaves figures that need no adjustment as plain rounding prints them', () => {
    const parts = [12345.67, 890.12, 0.01];
    expect(balanceParts(parts)).toEqual({ parts, total: 13235.8, adjusted: 0 });
    expect(balanceNote(0)).toBeNull();
    expect(balanceNote(2)).toContain('舍位平衡');
    expect(balanceNote(2)).toContain('0.01');
  });

  it('is the largest-remainder method on any one-row table', () => {
    const r = rng(7, 'balanceParts');
    for (let t = 0; t < 300; t++) {
      const n = r.int(1, 12);
      const parts = Array.from({ length: n }, () => (r.next() < 0.1 ? null : Math.round(r.between(-5000, 90000) * 1e6) / 1e6));
      const got = balanceParts(parts);
      const exact = parts.reduce<number>((a, x) => a + (x ?? 0), 0);
      if (parts.every((p) => p === null)) continue;
      expect(got.total).toBe(plain(exact));
      expect(cents(got.parts)).toBe(Math.round((got.total ?? 0) * 100));
      // Each part at its floor or ceiling in cents; the ones moved up have remainders at least as large as those left down.
      const up: number[] = [];
      const down: number[] = [];
      parts.forEach((p, i) => {
        if (p === null) return expect(got.parts[i]).toBeNull();
        const c = Math.round((got.parts[i] as number) * 100);
        const fl = Math.floor(p * 100 + 1e-7);
        expect(c === fl || c === fl + 1).toBe(true);
        const frac = p * 100 - fl;
        if (frac > 1e-7) (c === fl + 1 ? up : down).push(frac);
      });
      if (up.length && down.length) expect(Math.min(...up)).toBeGreaterThanOrEqual(Math.max(...down) - 1e-6);
    }
  });
});

describe('舍位平衡 of a table with row and column totals', () => {
  it('adds up both ways where plain rounding breaks both', () => {
    // Plain rounding: every cell 0.00 (each 0.004), row totals 0.01 (0.012), column totals 0.01, grand 0.04 (0.036).
    const cells = [
      [0.004, 0.004, 0.004],
      [0.004, 0.004, 0.004],
      [0.004, 0.004, 0.004],
    ];
    const t = balanceTable(cells);
    expect(t.total).toBe(0.04);
    t.cells.forEach((row, i) => expect(cents(row)).toBe(Math.round((t.rowTotals[i] ?? 0) * 100)));
    [0, 1, 2].forEach((j) => expect(cents(t.cells.map((r) => r[j] ?? null))).toBe(Math.round((t.colTotals[j] ?? 0) * 100)));
    expect(cents(t.rowTotals)).toBe(4);
    expect(cents(t.colTotals)).toBe(4);
  });

  it('always finds a rounding that adds up both ways, with each figure at a neighbouring cent', () => {
    const r = rng(11, 'balanceTable');
    let totalsKept = 0;
    let withTotal = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const rows = r.int(1, 9);
      const cols = r.int(1, 8);
      const cells = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (r.next() < 0.15 ? null : Math.round(r.between(0, 50000) * 1e6) / 1e6)));
      const b = balanceTable(cells);
      const near = (exact: number, got: number | null): void => {
        const c = Math.round((got as number) * 100);
        const fl = Math.floor(exact * 100 + 1e-7);
        expect(c === fl || c === fl + 1 || (Math.abs(exact * 100 - fl) < 1e-6 && c === fl)).toBe(true);
      };
      cells.forEach((row, i) => {
        row.forEach((v, j) => (v === null ? expect(b.cells[i]?.[j]).toBeNull() : near(v, b.cells[i]?.[j] ?? null)));
        const has = row.some((v) => v !== null);
        if (!has) return expect(b.rowTotals[i]).toBeNull();
        expect(cents(b.cells[i] ?? [])).toBe(Math.round((b.rowTotals[i] as number) * 100));
        near(row.reduce<number>((a, v) => a + (v ?? 0), 0), b.rowTotals[i] ?? null);
      });
      for (let j = 0; j < cols; j++) {
        const col = cells.map((row) => row[j] ?? null);
        if (col.every((v) => v === null)) continue;
        expect(cents(b.cells.map((row) => row[j] ?? null))).toBe(Math.round((b.colTotals[j] as number) * 100));
      }
      const exact = cells.flat().reduce<number>((a, v) => a + (v ?? 0), 0);
      if (b.total === null) continue;
      withTotal += 1;
      expect(cents(b.rowTotals)).toBe(Math.round(b.total * 100));
      expect(cents(b.colTotals)).toBe(Math.round(b.total * 100));
      near(exact, b.total);
      if (b.total === plain(exact)) totalsKept += 1;
    }
    // The grand total keeps its usual rounding whenever a balanced table allows it; in practice always.
    expect(withTotal).toBeGreaterThan(trials * 0.9);
    expect(totalsKept).toBe(withTotal);
  });
});
