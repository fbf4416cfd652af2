/**
 * The LPR table: the months shipped in resources/lpr/lpr.json (each with its sources), then the
 * months the analyst entered in 机构与设置 after them (each with where it was read). The months
 * follow each other without a gap, so a loan made after the last one has no LPR here (「LPR未录入」)
 * rather than the last one's rate carried on.
 */
import type { DB } from '../db/database';
import { readResourceJson } from '../resources';
import { lprCoveredUntil, lprInForce, type LprMonth, type LprTable, type LprTenor } from '../../domain/lpr';
import { addDays, formatDate, parseIsoDate } from '../../domain/quarter';
import { failure } from '../../domain/result';
import { nowIso } from '../../domain/clock';
import { audit } from '../db/audit';
import { localUser } from '../settings/localUser';

let shipped: LprTable | null = null;

function shippedLpr(): LprTable {
  shipped ??= readResourceJson<LprTable>('lpr', 'lpr.json');
  return shipped;
}

interface FixingRow {
  month: string;
  date: string;
  one_year: number;
  five_year: number;
  source: string;
  entered_by: string;
  entered_at: string;
}

function enteredRows(db: DB): FixingRow[] {
  return db.prepare('SELECT * FROM lpr_fixings ORDER BY month').all() as FixingRow[];
}

const sourceId = (month: string): string => `entered-${month}`;

/** The shipped table, and with a database the months entered there after it. */
export function loadLpr(db?: DB): LprTable {
  const t = shippedLpr();
  const rows = db ? enteredRows(db) : [];
  if (rows.length === 0) return t;
  return {
    ...t,
    months: [...t.months, ...rows.map((r): LprMonth => ({ month: r.month, date: r.date, oneYear: r.one_year, fiveYear: r.five_year, sources: [sourceId(r.month)], entered: { by: r.entered_by, at: r.entered_at } }))],
    sources: [...t.sources, ...rows.map((r) => ({ id: sourceId(r.month), title: `${r.source}（分析人员录入）`, url: '' }))],
  };
}

/** The LPR of a tenor in force on a date; null outside the table. */
export function lprRateOn(db: DB, date: string, tenor: LprTenor = 'oneYear'): number | null {
  return lprInForce(loadLpr(db), date)?.[tenor] ?? null;
}

/** The month after a YYYY-MM month. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The first month the table has no fixing for (the one an analyst adds next). */
export function nextLprMonth(table: LprTable): string {
  const last = table.months.at(-1);
  return last ? nextMonth(last.month) : '2019-08';
}

/**
 * Where the table stops, in words, for a date after it: what is missing and how the analyst
 * adds it (shown wherever a figure cannot be judged for want of the LPR).
 */
export function lprMissingWords(table: LprTable): string {
  const month = nextLprMonth(table);
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${y}年${m}月及以后的LPR尚未载入（表中最后一期为 ${table.months.at(-1)?.date ?? '—'} 公布，适用至 ${lprCoveredUntil(table) ?? '—'}），此后发放的贷款不作判断；请在「机构与设置 → LPR报价」按中国人民银行授权全国银行间同业拆借中心公布的报价逐月录入（注明出处）`;
}

/** A rate typed as a percentage point figure (3.00 = 3.00%), checked as an LPR can be: a multiple of 5BP. */
function rateOrFail(value: number, what: string): number {
  const bp = Math.round(value * 100);
  if (!Number.isFinite(value) || value <= 0 || value >= 20 || Math.abs(value * 100 - bp) > 1e-6 || bp % 5 !== 0) throw failure('E_LPR_RATE', { what, value: String(value) });
  return bp / 10000;
}

export interface AddLprArgs {
  month: string;
  date: string;
  /** In percent, as published: 3.00 for 3.00%. */
  oneYear: number;
  fiveYear: number;
  source: string;
}

/** Adds the next month's fixing (only the month after the table's last: no gap, no rewrite of a month the table has). */
export function addLprMonth(db: DB, a: AddLprArgs): LprTable {
  const table = loadLpr(db);
  const expected = nextLprMonth(table);
  if (a.month !== expected) throw failure('E_LPR_MONTH', { month: a.month, expected });
  const d = parseIsoDate(a.date);
  const [y, m] = expected.split('-').map(Number) as [number, number];
  // Published on the 20th, or the next working day when the 20th is not one: within the month.
  const monthEnd = formatDate(addDays({ y: m === 12 ? y + 1 : y, m: m === 12 ? 1 : m + 1, d: 1 }, -1));
  const date = d ? formatDate(d) : '';
  if (!d || date < `${expected}-20` || date > monthEnd) throw failure('E_LPR_DATE', { date: a.date, month: expected, monthEnd });
  const oneYear = rateOrFail(a.oneYear, '1年期LPR');
  const fiveYear = rateOrFail(a.fiveYear, '5年期以上LPR');
  const source = a.source.trim();
  if (!source) throw failure('E_LPR_SOURCE', { month: expected });
  const actor = localUser(db);
  db.transaction(() => {
    db.prepare('INSERT INTO lpr_fixings (month, date, one_year, five_year, source, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(expected, date, oneYear, fiveYear, source, actor, nowIso());
    audit(db, actor, 'lpr.add', 'lpr', expected, { month: expected, date, oneYear, fiveYear, source });
  })();
  return loadLpr(db);
}

/** Removes the last entered month (a typo corrected by entering it again); the shipped months stay. */
export function removeLprMonth(db: DB, month: string, reason: string): LprTable {
  const rows = enteredRows(db);
  const last = rows.at(-1);
  if (!last || last.month !== month) throw failure('E_LPR_REMOVE', { month, last: last?.month ?? '无' });
  if (!reason.trim()) throw failure('E_LPR_REASON', { month });
  const actor = localUser(db);
  db.transaction(() => {
    db.prepare('DELETE FROM lpr_fixings WHERE month = ?').run(month);
    audit(db, actor, 'lpr.remove', 'lpr', month, { month, before: { date: last.date, oneYear: last.one_year, fiveYear: last.five_year, source: last.source, enteredBy: last.entered_by }, reason: reason.trim() });
  })();
  return loadLpr(db);
}
