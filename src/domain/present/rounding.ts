/**
 * 舍位平衡: rounded figures that add up. A table that shows parts and their total
 * in 万元 or 亿元 with two decimals must not print parts whose sum differs from the
 * printed total by a cent, which plain rounding does (1.004 + 1.004 + 1.004 = 3.012:
 * 1.00 + 1.00 + 1.00 ≠ 3.01). Statistical offices round the total as usual and
 * move the fewest parts by one unit of the last digit, those whose dropped
 * remainders were largest (最大余数法).
 *
 * A table with a total row and a total column (banks × chains) must add up both
 * ways. That is controlled rounding: each figure goes to one of its two neighbouring
 * multiples of the unit, rows add up to the row totals, columns to the column
 * totals, and those to the grand total. Such a rounding always exists (the exact
 * figures are a fractional solution of a network-flow problem, whose integral
 * points include one; Cox 1987); among them we take the one that keeps the grand
 * total, then the row and column totals, at their usual rounding, and moves the
 * parts with the largest remainders (a minimum-cost circulation). A one-row table is
 * the plain largest-remainder method.
 *
 * Pure: the screen, the .xlsx and the Word draft all call this one function, so the
 * three print the same cents.
 */

export interface BalancedTable {
  /** The parts, each rounded to `decimals` (null stays null: 无数据). */
  cells: (number | null)[][];
  /** Each row's total as printed (null when the row has no figure). */
  rowTotals: (number | null)[];
  colTotals: (number | null)[];
  total: number | null;
  /** How many printed figures differ from their own plain rounding. */
  adjusted: number;
}

/** Below this a remainder is float noise, not a remainder (values carry at most 6 decimals). */
const EPS = 1e-7;

/** Half away from zero, as the statistics round (and as formatFixed prints). */
function roundUnits(x: number): number {
  const r = Math.round(Math.abs(x) + EPS);
  return x < 0 ? -r : r;
}

/** A value in units of the last digit: its floor and the remainder in [0, 1). */
function split(units: number): { floor: number; frac: number } {
  let floor = Math.floor(units + EPS);
  let frac = units - floor;
  if (frac < EPS) frac = 0;
  if (frac > 1 - EPS) {
    floor += 1;
    frac = 0;
  }
  return { floor, frac };
}

/** The cost of taking the upper neighbour rather than the lower: the added distance, with plain rounding winning ties. */
function upCost(units: number, frac: number): number {
  const plainUp = roundUnits(units) > Math.floor(units + EPS);
  return 1 - 2 * frac + (plainUp ? -1e-6 : 1e-6);
}

interface Edge {
  to: number;
  cap: number;
  cost: number;
  rev: number;
}

/** A small minimum-cost circulation with lower bounds (successive shortest paths over Bellman–Ford). */
class Circulation {
  private readonly graph: Edge[][];
  private readonly excess: number[];
  private readonly source: number;
  private readonly sink: number;
  private readonly tracked = new Map<string, { from: number; index: number; lo: number; flipped: boolean; cap: number }>();

  constructor(nodes: number) {
    this.graph = Array.from({ length: nodes + 2 }, () => []);
    this.excess = new Array<number>(nodes + 2).fill(0);
    this.source = nodes;
    this.sink = nodes + 1;
  }

  private raw(u: number, v: number, cap: number, cost: number): number {
    const gu = this.graph[u] as Edge[];
    const gv = this.graph[v] as Edge[];
    gu.push({ to: v, cap, cost, rev: gv.length });
    gv.push({ to: u, cap: 0, cost: -cost, rev: gu.length - 1 });
    return gu.length - 1;
  }

  /**
   * An arc u→v carrying between lo and hi units at `cost` each. A negative cost is
   * saturated up front and offered back as a positive-cost arc, so the residual
   * graph starts without negative cycles.
   */
  arc(u: number, v: number, lo: number, hi: number, cost: number, name?: string): void {
    this.excess[v] = (this.excess[v] ?? 0) + lo;
    this.excess[u] = (this.excess[u] ?? 0) - lo;
    const cap = hi - lo;
    if (cap <= 0) {
      if (name) this.tracked.set(name, { from: -1, index: -1, lo, flipped: false, cap: 0 });
      return;
    }
    if (cost < 0) {
      this.excess[v] = (this.excess[v] ?? 0) + cap;
      this.excess[u] = (this.excess[u] ?? 0) - cap;
      const index = this.raw(v, u, cap, -cost);
      if (name) this.tracked.set(name, { from: v, index, lo, flipped: true, cap });
    } else {
      const index = this.raw(u, v, cap, cost);
      if (name) this.tracked.set(name, { from: u, index, lo, flipped: false, cap });
    }
  }

  /** Routes the excesses; false when no circulation meets the bounds. */
  solve(): boolean {
    let need = 0;
    this.excess.forEach((e, node) => {
      if (node === this.source || node === this.sink) return;
      if (e > 0) {
        this.raw(this.source, node, e, 0);
        need += e;
      } else if (e < 0) this.raw(node, this.sink, -e, 0);
    });
    const n = this.graph.length;
    while (need > 0) {
      const dist = new Array<number>(n).fill(Infinity);
      const prev: ({ node: number; edge: number } | null)[] = new Array(n).fill(null);
      dist[this.source] = 0;
      for (let round = 0, changed = true; changed && round < n; round++) {
        changed = false;
        for (let u = 0; u < n; u++) {
          const du = dist[u] as number;
          if (du === Infinity) continue;
          (this.graph[u] as Edge[]).forEach((e, i) => {
            if (e.cap > 0 && du + e.cost < (dist[e.to] as number) - 1e-12) {
              dist[e.to] = du + e.cost;
              prev[e.to] = { node: u, edge: i };
              changed = true;
            }
          });
        }
      }
      if (dist[this.sink] === Infinity) return false;
      let push = need;
      for (let v = this.sink; v !== this.source; ) {
        const p = prev[v] as { node: number; edge: number };
        push = Math.min(push, ((this.graph[p.node] as Edge[])[p.edge] as Edge).cap);
        v = p.node;
      }
      for (let v = this.sink; v !== this.source; ) {
        const p = prev[v] as { node: number; edge: number };
        const e = (this.graph[p.node] as Edge[])[p.edge] as Edge;
        e.cap -= push;
        ((this.graph[e.to] as Edge[])[e.rev] as Edge).cap += push;
        v = p.node;
      }
      need -= push;
    }
    return true;
  }

  /** Units the named arc carries after solve(). */
  flow(name: string): number {
    const t = this.tracked.get(name);
    if (!t) return 0;
    if (t.index < 0) return t.lo;
    const e = (this.graph[t.from] as Edge[])[t.index] as Edge;
    const used = t.cap - e.cap;
    return t.lo + (t.flipped ? t.cap - used : used);
  }
}

/**
 * How a total may be printed: fixed at a value, or free between its floor and ceiling
 * (in units over the floors of its parts), with or without a preference for the usual rounding.
 */
type TotalRule = { fixed: number } | { free: boolean };

/** The arc of a row, column or grand total. */
function totalArc(flow: Circulation, u: number, v: number, exactUnits: number, floors: number, rule: TotalRule, name: string): void {
  if ('fixed' in rule) return flow.arc(u, v, rule.fixed - floors, rule.fixed - floors, 0, name);
  const { floor, frac } = split(exactUnits);
  const lo = floor - floors;
  if (frac === 0) flow.arc(u, v, lo, lo, 0, name);
  else flow.arc(u, v, lo, lo + 1, rule.free ? 0 : upCost(exactUnits, frac), name);
}

interface Prepared {
  rows: number;
  cols: number;
  units: (number | null)[][];
  floors: number[][];
  rowExact: number[];
  colExact: number[];
  rowHas: boolean[];
  colHas: boolean[];
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** Printed units of the grand total, each row total and each column total, and each cell, for one set of rules. */
interface Solution {
  total: number;
  rowTotals: number[];
  colTotals: number[];
  cells: number[][];
}

function solveStage(p: Prepared, grand: TotalRule, margins: (kind: 'r' | 'k', index: number) => TotalRule, cellCosts: boolean): Solution | null {
  const S = p.rows + p.cols;
  const T = S + 1;
  const flow = new Circulation(T + 1);
  for (let i = 0; i < p.rows; i++) {
    for (let j = 0; j < p.cols; j++) {
      const u = p.units[i]?.[j];
      if (u === null || u === undefined) continue;
      const { frac } = split(u);
      if (frac > 0) flow.arc(i, p.rows + j, 0, 1, cellCosts ? upCost(u, frac) : 0, `c${i}:${j}`);
    }
  }
  const rowFloor = (i: number): number => sum(p.floors[i] as number[]);
  const colFloor = (j: number): number => sum(p.floors.map((r) => r[j] ?? 0));
  for (let i = 0; i < p.rows; i++) if (p.rowHas[i]) totalArc(flow, S, i, p.rowExact[i] as number, rowFloor(i), margins('r', i), `r${i}`);
  for (let j = 0; j < p.cols; j++) if (p.colHas[j]) totalArc(flow, p.rows + j, T, p.colExact[j] as number, colFloor(j), margins('k', j), `k${j}`);
  const allFloors = sum(p.floors.map(sum));
  totalArc(flow, T, S, sum(p.rowExact), allFloors, grand, 'g');
  if (!flow.solve()) return null;
  return {
    total: allFloors + flow.flow('g'),
    rowTotals: p.rowExact.map((_, i) => rowFloor(i) + flow.flow(`r${i}`)),
    colTotals: p.colExact.map((_, j) => colFloor(j) + flow.flow(`k${j}`)),
    cells: p.units.map((r, i) => r.map((_, j) => (p.floors[i]?.[j] ?? 0) + flow.flow(`c${i}:${j}`))),
  };
}

/**
 * Three small solves, so that each level wins outright over the next (no weights that
 * could trade a total's cent for a part's): the grand total at its usual rounding if any
 * balanced table allows it; then the row and column totals as near their usual rounding
 * as that allows; then, with all totals fixed, the parts by largest remainder.
 */
function solve(p: Prepared): Solution {
  const grandExact = sum(p.rowExact);
  const free = (): TotalRule => ({ free: true });
  const plainGrand = solveStage(p, { fixed: roundUnits(grandExact) }, free, false);
  const grand: TotalRule = plainGrand ? { fixed: roundUnits(grandExact) } : { free: true };
  const margins = solveStage(p, grand, () => ({ free: false }), false);
  if (!margins) throw new Error('舍位平衡无解（程序错误）');
  const fixedMargin = (kind: 'r' | 'k', i: number): TotalRule => ({ fixed: (kind === 'r' ? margins.rowTotals : margins.colTotals)[i] as number });
  const cells = solveStage(p, { fixed: margins.total }, fixedMargin, true);
  // Always feasible (the margins just found admit a solution); a failure would be a bug in this file, not in the data.
  if (!cells) throw new Error('舍位平衡无解（程序错误）');
  return cells;
}

/**
 * Rounds a table of exact parts (rows × columns, null = 无数据) to `decimals` so that
 * every row adds up to its total, every column to its total and both to the grand
 * total, each figure at one of its two neighbouring multiples of 10^-decimals.
 */
export function balanceTable(cells: readonly (readonly (number | null)[])[], decimals = 2): BalancedTable {
  const scale = 10 ** decimals;
  const rows = cells.length;
  const cols = Math.max(0, ...cells.map((r) => r.length));
  const units: (number | null)[][] = cells.map((r) =>
    Array.from({ length: cols }, (_, j) => {
      const v = r[j];
      return v === undefined || v === null || !Number.isFinite(v) ? null : v * scale;
    }),
  );
  const p: Prepared = {
    rows,
    cols,
    units,
    floors: units.map((r) => r.map((u) => (u === null ? 0 : split(u).floor))),
    rowExact: units.map((r) => sum(r.filter((u): u is number => u !== null))),
    colExact: Array.from({ length: cols }, (_, j) => sum(units.map((r) => r[j] ?? null).filter((u): u is number => u !== null))),
    rowHas: units.map((r) => r.some((u) => u !== null)),
    colHas: Array.from({ length: cols }, (_, j) => units.some((r) => r[j] !== null)),
  };
  const any = p.rowHas.some(Boolean);
  if (!any) return { cells: units.map((r) => r.map(() => null)), rowTotals: units.map(() => null), colTotals: Array.from({ length: cols }, () => null), total: null, adjusted: 0 };
  const s = solve(p);

  // A one-row (or one-column) table prints its row (column) totals as the grand total and the parts: count each printed figure once.
  const twoWay = rows > 1 && cols > 1;
  let adjusted = 0;
  const shown = (n: number): number => n / scale;
  const count = (exactUnits: number, printedUnits: number, printed = true): void => {
    if (printed && printedUnits !== roundUnits(exactUnits)) adjusted += 1;
  };
  const outCells = units.map((r, i) =>
    r.map((u, j) => {
      if (u === null) return null;
      const printed = s.cells[i]?.[j] ?? 0;
      count(u, printed);
      return shown(printed);
    }),
  );
  const rowTotals = p.rowExact.map((e, i) => {
    if (!p.rowHas[i]) return null;
    count(e, s.rowTotals[i] ?? 0, twoWay);
    return shown(s.rowTotals[i] ?? 0);
  });
  const colTotals = p.colExact.map((e, j) => {
    if (!p.colHas[j]) return null;
    count(e, s.colTotals[j] ?? 0, twoWay);
    return shown(s.colTotals[j] ?? 0);
  });
  count(sum(p.rowExact), s.total);
  return { cells: outCells, rowTotals, colTotals, total: shown(s.total), adjusted };
}

/** Parts and their total (one column of a table): the total rounded as usual, the parts by largest remainder. */
export function balanceParts(parts: readonly (number | null)[], decimals = 2): { parts: (number | null)[]; total: number | null; adjusted: number } {
  const t = balanceTable([parts], decimals);
  return { parts: t.cells[0] ?? [], total: t.total, adjusted: t.adjusted };
}

/**
 * The note under a table whose figures were balanced; nothing when no figure moved.
 * `unit` is the printed unit of the last digit's place (0.01 万元 …).
 */
export function balanceNote(adjusted: number, decimals = 2): string | null {
  if (adjusted <= 0) return null;
  const step = (1 / 10 ** decimals).toFixed(decimals);
  return `说明：表中数据经舍位平衡处理，分项之和等于合计；有 ${adjusted} 个数与其原值四舍五入的结果相差 ${step}。`;
}
