/**
 * The submission matrix: institution × quarter → 已报 / 逾期 / 未报 / 补录, with 重报 counts
 * and each quarter's deadline. 逾期 is the current version's lateness against the stored
 * deadline (periods.deadline, kept in step by services/calendar/deadlines.ts); a 补录 report
 * (history loaded later) is neither on time nor late.
 */
import type { DB } from '../db/database';
import type { StatusCell, StatusMatrix } from '../../api/types';
import { fail } from '../../domain/result';
import { addQuarters, parseQuarter, quarterId, quarterRange, type Quarter } from '../../domain/quarter';
import { listInstitutions } from '../registry/institutions';
import { localToday } from './received';
import { listDeadlines } from '../calendar/deadlines';
import { returnStates } from '../returns/notices';

export interface StatusQuery {
  quarter?: string;
  from?: string;
  to?: string;
  region?: string;
}

function quarterOrFail(text: string, what: string): Quarter {
  const q = parseQuarter(text);
  if (!q) fail('E_QUARTER_INVALID', { what, quarter: text });
  return q;
}

/** Without a quarter: the latest quarter anything was reported for, else the last ended quarter. */
function defaultQuarter(db: DB): Quarter {
  const r = db.prepare(`SELECT quarter FROM submissions WHERE status <> 'rolled_back' ORDER BY quarter DESC LIMIT 1`).get() as { quarter: string } | undefined;
  const q = r ? parseQuarter(r.quarter) : null;
  if (q) return q;
  const t = localToday();
  return addQuarters({ year: t.y, q: (Math.floor((t.m - 1) / 3) + 1) as Quarter['q'] }, -1);
}

export function statusMatrix(db: DB, query: StatusQuery): StatusMatrix {
  let quarters: Quarter[];
  if (query.quarter) quarters = [quarterOrFail(query.quarter, '报告期')];
  else if (query.from || query.to) {
    const from = quarterOrFail(query.from ?? query.to ?? '', '起始季度');
    const to = quarterOrFail(query.to ?? query.from ?? '', '截止季度');
    quarters = quarterRange(from, to);
    if (quarters.length === 0) fail('E_QUARTER_RANGE', { from: quarterId(from), to: quarterId(to) });
    if (quarters.length > 80) fail('E_QUARTER_SPAN', { max: 80 });
  } else quarters = [defaultQuarter(db)];
  const ids = quarters.map(quarterId);
  const institutions = listInstitutions(db, query.region ? { region: query.region } : {});
  const rows = db
    .prepare(
      `SELECT institution, quarter,
              MAX(CASE WHEN status = 'current' THEN id END) AS current_id,
              MAX(CASE WHEN status = 'current' THEN late END) AS late,
              MAX(CASE WHEN status = 'current' THEN kind END) AS kind,
              MAX(CASE WHEN status = 'current' THEN received_date END) AS received_date,
              SUM(CASE WHEN status <> 'rolled_back' AND origin = 'report' THEN 1 ELSE 0 END) AS kept
       FROM submissions WHERE quarter BETWEEN ? AND ? GROUP BY institution, quarter`,
    )
    .all(ids[0], ids[ids.length - 1]) as { institution: string; quarter: string; current_id: number | null; late: number | null; kind: string | null; received_date: string | null; kept: number }[];
  const byKey = new Map(rows.map((r) => [`${r.institution}|${r.quarter}`, r]));
  const returns = returnStates(db, ids[0] ?? '', ids[ids.length - 1] ?? '');
  const cells: StatusCell[] = [];
  const totals = ids.map((quarter) => ({ quarter, reported: 0, late: 0, missing: 0, resubmitted: 0, backfilled: 0 }));
  for (const inst of institutions) {
    ids.forEach((quarter, qi) => {
      const r = byKey.get(`${inst.code}|${quarter}`);
      const total = totals[qi];
      const resubmissions = Math.max(0, (r?.kept ?? 0) - 1);
      const reported = r?.current_id !== null && r?.current_id !== undefined;
      const state: StatusCell['state'] = !reported ? '未报' : r?.kind === 'backfill' ? '补录' : r?.late === 1 ? '逾期' : '已报';
      if (total && !inst.example) {
        if (state === '未报') total.missing++;
        else total.reported++;
        if (state === '逾期') total.late++;
        if (state === '补录') total.backfilled++;
        if (resubmissions > 0) total.resubmitted++;
      }
      const returned = returns.get(`${inst.code}|${quarter}`);
      cells.push({
        institution: inst.code,
        quarter,
        state,
        resubmissions,
        receivedDate: reported ? (r?.received_date ?? null) : null,
        submissionId: reported ? (r?.current_id ?? null) : null,
        ...(returned ? { returned } : {}),
      });
    });
  }
  return {
    quarters: ids,
    deadlines: listDeadlines(db, { from: ids[0] ?? '', to: ids[ids.length - 1] ?? '' }),
    institutions: institutions.map((i) => ({ code: i.code, name: i.name, region: i.region, type: i.type, example: i.example })),
    cells,
    totals,
  };
}
