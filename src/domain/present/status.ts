/**
 * 报送情况 as the analyst reads it: one row per institution with its state in
 * each quarter, and the list of reports to chase for a quarter.
 */
import { dayNumber, parseIsoDate, type CalendarDate } from '../quarter';

/** 补录: loaded later as history, neither on time nor late. */
export type ReportState = '已报' | '逾期' | '未报' | '补录';

export interface StatusCellLike {
  institution: string;
  quarter: string;
  state: ReportState;
  resubmissions: number;
  receivedDate: string | null;
  /** The latest 退回通知 (已退回) and the 重报 that followed it (已重报). */
  returned?: { number: string; date: string; deadline: string; resubmitted: string | null };
}

export interface StatusInstitution {
  code: string;
  name: string;
  region: string;
  type: string;
  /** A fictional bank (示例机构): shown marked 示例, not 应报 (no 未报, not in the chase list or the counts). */
  example: boolean;
}

export interface StatusRow {
  code: string;
  name: string;
  type: string;
  example: boolean;
  /** quarter → cell */
  cells: Record<string, StatusCellLike>;
  reported: number;
  late: number;
  missing: number;
  resubmitted: number;
}

export function statusRows(institutions: readonly StatusInstitution[], cells: readonly StatusCellLike[]): StatusRow[] {
  const byInst = new Map<string, StatusRow>();
  for (const i of institutions) byInst.set(i.code, { code: i.code, name: i.name, type: i.type, example: i.example, cells: {}, reported: 0, late: 0, missing: 0, resubmitted: 0 });
  for (const c of cells) {
    const row = byInst.get(c.institution);
    if (!row) continue;
    row.cells[c.quarter] = c;
    if (c.state !== '未报') row.reported += 1;
    // A fictional bank is not 应报: nothing it did not send, or sent late, counts against it.
    else if (!row.example) row.missing += 1;
    if (c.state === '逾期' && !row.example) row.late += 1;
    if (c.resubmissions > 0) row.resubmitted += 1;
  }
  return [...byInst.values()];
}

/** 已退回 (sent back, no corrected report yet) or 已重报 (a corrected report came after the notice). */
export function returnState(c: StatusCellLike | undefined): '已退回' | '已重报' | null {
  if (!c?.returned) return null;
  return c.returned.resubmitted ? '已重报' : '已退回';
}

/** What a cell says in the matrix: 已报 / 逾期 / 未报, with 重报 marked; 已退回 / 已重报 with their date (MM-DD). */
export function cellLabel(c: StatusCellLike | undefined): string {
  if (!c) return '';
  const back = returnState(c);
  if (back === '已退回') return `已退回 ${c.returned?.date.slice(5) ?? ''}`;
  if (back === '已重报') return `已重报 ${c.returned?.resubmitted?.slice(5) ?? ''}`;
  return c.resubmissions > 0 ? `${c.state}·重报${c.resubmissions > 1 ? `${c.resubmissions}次` : ''}` : c.state;
}

export type StateFilter = '全部' | ReportState | '重报' | '已退回' | '已重报';

export function matchesState(row: StatusRow, quarters: readonly string[], filter: StateFilter): boolean {
  if (filter === '全部') return true;
  return quarters.some((q) => {
    const c = row.cells[q];
    if (!c) return false;
    if (filter === '已退回' || filter === '已重报') return returnState(c) === filter;
    return filter === '重报' ? c.resubmissions > 0 : c.state === filter;
  });
}

export interface ChaseItem {
  code: string;
  name: string;
  type: string;
  /** 已退回: sent back with a 退回通知 and no corrected report yet (deadline: the 重报 deadline). */
  state: '未报' | '逾期' | '已退回';
  deadline: string;
  /** 未报 and 已退回: days past the deadline as of today (0 if not yet due); 逾期: days late on arrival. */
  daysOverdue: number;
  receivedDate: string | null;
}

/**
 * The reports to chase for one quarter: those not in yet, then those that came
 * late, most overdue first. The deadline is the quarter's stored one (the status
 * matrix carries it: weekends, holidays and an analyst's extension already applied).
 */
export function chaseList(rows: readonly StatusRow[], quarter: string, today: CalendarDate, deadlineIso: string | null): ChaseItem[] {
  const deadline = deadlineIso ? parseIsoDate(deadlineIso) : null;
  if (!deadline || !deadlineIso) return [];
  const out: ChaseItem[] = [];
  for (const r of rows) {
    if (r.example) continue;
    const c = r.cells[quarter];
    if (c && returnState(c) === '已退回' && c.returned) {
      const due = parseIsoDate(c.returned.deadline);
      out.push({ code: r.code, name: r.name, type: r.type, state: '已退回', deadline: c.returned.deadline, daysOverdue: due ? Math.max(0, dayNumber(today) - dayNumber(due)) : 0, receivedDate: c.receivedDate });
      continue;
    }
    if (!c || (c.state !== '未报' && c.state !== '逾期')) continue;
    const until = c.state === '逾期' && c.receivedDate ? parseIsoDate(c.receivedDate.slice(0, 10)) : today;
    const days = until ? Math.max(0, dayNumber(until) - dayNumber(deadline)) : 0;
    out.push({ code: r.code, name: r.name, type: r.type, state: c.state, deadline: deadlineIso, daysOverdue: days, receivedDate: c.receivedDate });
  }
  const rank = { 未报: 0, 已退回: 1, 逾期: 2 } as const;
  return out.sort((a, b) => (a.state === b.state ? b.daysOverdue - a.daysOverdue : rank[a.state] - rank[b.state]));
}

/** The chase list as text to paste into a notice or an e-mail. */
export function chaseText(items: readonly ChaseItem[], quarterLabel: string): string {
  const missing = items.filter((i) => i.state === '未报');
  const late = items.filter((i) => i.state === '逾期');
  const back = items.filter((i) => i.state === '已退回');
  const lines = [`${quarterLabel}金融支持乡村振兴工作情况报送催报清单`];
  const heads = ['一', '二', '三'];
  let n = 0;
  if (missing.length) lines.push(`${heads[n++]}、尚未报送（${missing.length}家）：`, ...missing.map((i, k) => `${k + 1}. ${i.name}（截止 ${i.deadline}，已超 ${i.daysOverdue} 天）`));
  if (back.length) lines.push(`${heads[n++]}、已退回待重报（${back.length}家）：`, ...back.map((i, k) => `${k + 1}. ${i.name}（重报截止 ${i.deadline}${i.daysOverdue > 0 ? `，已超 ${i.daysOverdue} 天` : ''}）`));
  if (late.length) lines.push(`${heads[n++]}、逾期报送（${late.length}家）：`, ...late.map((i, k) => `${k + 1}. ${i.name}（${i.receivedDate ?? ''} 收到，逾期 ${i.daysOverdue} 天）`));
  if (!missing.length && !late.length && !back.length) lines.push('全部机构均已按时报送。');
  return lines.join('\n');
}
