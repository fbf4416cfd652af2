/**
 * 退回通知: made once per refused file or per stored report with 提示, numbered per region
 * and year (安康退〔2026〕3号), dated today by the one clock, with a 重报 deadline counted in
 * working days of the working calendar (holidays and 调休 as data). Making it again gives the
 * same notice (same number and deadline), so the .docx and the .xlsx always agree.
 * 报送情况 reads the latest notice of each report and whether a corrected report came since.
 */
import type { DB } from '../db/database';
import type { ReturnCandidate, ReturnNotice, ReturnProblem, ReturnSourceRef, ReturnState } from '../../api/returns-types';
import { failure } from '../../domain/result';
import { dayNumber, formatDate, parseIsoDate, parseQuarter, quarterLabel } from '../../domain/quarter';
import { today, nowIso } from '../../domain/clock';
import { DEFAULT_RESUBMIT_WORKING_DAYS, noticeNumber, regionShortName, shaPrefix, workingDaysAfter } from '../../domain/returns/notice';
import { loadWorkCalendar } from '../calendar/calendar';
import { ruleSetFor } from '../catalogue/rules';
import { audit } from '../db/audit';
import { statement } from '../db/statements';
import { localUser } from '../settings/localUser';
import { resolveRegionCode } from '../registry/regions';
import { submissionProblems } from './problems';

interface NoticeRow {
  id: number;
  region: string;
  institution: string;
  quarter: string;
  rejected_file: number | null;
  submission_id: number | null;
  number: string;
  issued_date: string;
  deadline: string;
  deadline_note: string;
  items_json: string;
  issued_by: string;
  issued_at: string;
}

interface SourceFacts {
  institution: string;
  quarter: string;
  fileName: string;
  receivedDate: string | null;
  sha256: string | null;
  problems: ReturnProblem[];
}

function ruleTitles(db: DB, version: string): Map<string, string> {
  try {
    return new Map(ruleSetFor(db, version).rules.map((r) => [r.def.id, r.def.title]));
  } catch {
    return new Map();
  }
}

function sourceFacts(db: DB, source: ReturnSourceRef): SourceFacts {
  if (source.kind === 'rejected') {
    const r = statement(db, 'SELECT file_name, sha256, institution, quarter, received_date, problems_json FROM rejected_files WHERE id = ?').get(source.id) as
      | { file_name: string; sha256: string | null; institution: string | null; quarter: string | null; received_date: string | null; problems_json: string }
      | undefined;
    if (!r) throw failure('E_RETURN_SOURCE', { what: `拒收文件记录 ${source.id}` });
    if (!r.institution || !r.quarter || !parseQuarter(r.quarter)) throw failure('E_RETURN_UNADDRESSED', { file: r.file_name });
    return { institution: r.institution, quarter: r.quarter, fileName: r.file_name, receivedDate: r.received_date, sha256: r.sha256, problems: JSON.parse(r.problems_json) as ReturnProblem[] };
  }
  const s = statement(db, 'SELECT institution, quarter, file_name, sha256, received_date, template_version FROM submissions WHERE id = ?').get(source.id) as
    | { institution: string; quarter: string; file_name: string; sha256: string; received_date: string; template_version: string }
    | undefined;
  if (!s) throw failure('E_RETURN_SOURCE', { what: `报送记录 ${source.id}` });
  const problems = submissionProblems(db, source.id, s.institution, s.template_version, ruleTitles(db, s.template_version));
  if (problems.length === 0) throw failure('E_RETURN_NOTHING', { file: s.file_name });
  return { institution: s.institution, quarter: s.quarter, fileName: s.file_name, receivedDate: s.received_date, sha256: s.sha256, problems };
}

function toNotice(db: DB, r: NoticeRow, facts: Pick<SourceFacts, 'fileName' | 'receivedDate' | 'sha256'>): ReturnNotice {
  const region = statement(db, 'SELECT name, supervisor FROM regions WHERE code = ?').get(r.region) as { name: string; supervisor: string };
  const inst = statement(db, 'SELECT name FROM institutions WHERE code = ?').get(r.institution) as { name: string };
  const q = parseQuarter(r.quarter);
  return {
    id: r.id,
    number: r.number,
    region: r.region,
    regionName: region.name,
    issuer: region.supervisor,
    institution: r.institution,
    institutionName: inst.name,
    quarter: r.quarter,
    quarterLabel: q ? quarterLabel(q) : r.quarter,
    fileName: facts.fileName,
    receivedDate: facts.receivedDate,
    sha256: facts.sha256,
    shaPrefix: shaPrefix(facts.sha256),
    date: r.issued_date,
    deadline: r.deadline,
    deadlineNote: r.deadline_note,
    problems: JSON.parse(r.items_json) as ReturnProblem[],
    issuedBy: r.issued_by,
    source: r.rejected_file !== null ? { kind: 'rejected', id: r.rejected_file } : { kind: 'submission', id: r.submission_id ?? 0 },
  };
}

function existing(db: DB, source: ReturnSourceRef): NoticeRow | undefined {
  const col = source.kind === 'rejected' ? 'rejected_file' : 'submission_id';
  return statement(db, `SELECT * FROM return_notices WHERE ${col} = ? ORDER BY id DESC LIMIT 1`).get(source.id) as NoticeRow | undefined;
}

export interface MakeNotice {
  source: ReturnSourceRef;
  /** Working days the bank is given (default 3), counted by the working calendar from the notice's date. */
  workingDays?: number;
  /** Or a deadline set by hand (YYYY-MM-DD, not before the notice's date). */
  deadline?: string;
}

/** The notice of this source: the one made before, or a new one (numbered, dated today, audited). */
export function makeNotice(db: DB, req: MakeNotice, actor = localUser(db)): ReturnNotice {
  const facts = sourceFacts(db, req.source);
  const before = existing(db, req.source);
  if (before) return toNotice(db, before, facts);
  const d = today();
  let deadline;
  let note: string;
  if (req.deadline !== undefined) {
    const given = parseIsoDate(req.deadline);
    if (!given || dayNumber(given) < dayNumber(d)) throw failure('E_RETURN_DEADLINE', { date: req.deadline, today: formatDate(d) });
    deadline = given;
    note = '重报期限由分析人员指定';
  } else {
    const n = req.workingDays ?? DEFAULT_RESUBMIT_WORKING_DAYS;
    if (!Number.isInteger(n) || n < 1 || n > 30) throw failure('E_ARG_INVALID', { name: 'working-days', min: 1, max: 30, value: String(n) });
    deadline = workingDaysAfter(d, n, loadWorkCalendar(db));
    note = `自通知之日起 ${n} 个工作日（按节假日安排计算）`;
  }
  const region = (statement(db, 'SELECT region FROM institutions WHERE code = ?').get(facts.institution) as { region: string }).region;
  const regionName = (statement(db, 'SELECT name FROM regions WHERE code = ?').get(region) as { name: string }).name;
  const row = db.transaction((): NoticeRow => {
    const seq = (statement(db, 'SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM return_notices WHERE region = ? AND year = ?').get(region, d.y) as { n: number }).n;
    const number = noticeNumber(regionShortName(regionName), d.y, seq);
    const id = Number(
      statement(
        db,
        `INSERT INTO return_notices (region, institution, quarter, rejected_file, submission_id, year, seq, number, issued_date, deadline, deadline_note, items_json, issued_by, issued_at, after_submission)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(id), 0) FROM submissions))`,
      ).run(
        region,
        facts.institution,
        facts.quarter,
        req.source.kind === 'rejected' ? req.source.id : null,
        req.source.kind === 'submission' ? req.source.id : null,
        d.y,
        seq,
        number,
        formatDate(d),
        formatDate(deadline),
        note,
        JSON.stringify(facts.problems),
        actor,
        nowIso(),
      ).lastInsertRowid,
    );
    audit(db, actor, 'return.notice', 'return_notice', id, { number, institution: facts.institution, quarter: facts.quarter, file: facts.fileName, deadline: formatDate(deadline), problems: facts.problems.length });
    return statement(db, 'SELECT * FROM return_notices WHERE id = ?').get(id) as NoticeRow;
  })();
  return toNotice(db, row, facts);
}

/** Refused files (with the bank and quarter read) and reports accepted with 提示, for a region and quarter. */
export function returnCandidates(db: DB, q: { region?: string; quarter?: string }): ReturnCandidate[] {
  const region = q.region ? resolveRegionCode(db, q.region) : null;
  if (q.region && !region) throw failure('E_REGION_UNKNOWN', { region: q.region });
  const where = (alias: string): string => [region ? 'i.region = @region' : '1', q.quarter ? `${alias}.quarter = @quarter` : '1'].join(' AND ');
  const params = { ...(region ? { region } : {}), ...(q.quarter ? { quarter: q.quarter } : {}) };
  const rejected = db
    .prepare(
      `SELECT r.id, r.institution, i.name, r.quarter, r.file_name, r.received_date, r.sha256, json_array_length(r.problems_json) AS problems, n.number, n.issued_date, n.deadline
       FROM rejected_files r JOIN institutions i ON i.code = r.institution
       LEFT JOIN return_notices n ON n.rejected_file = r.id
       WHERE ${where('r')} ORDER BY r.id DESC`,
    )
    .all(params) as CandidateRow[];
  const accepted = db
    .prepare(
      `SELECT s.id, s.institution, i.name, s.quarter, s.file_name, s.received_date, s.sha256,
              (SELECT count(*) FROM submission_issues x WHERE x.submission_id = s.id AND x.severity = 'warning') AS problems, n.number, n.issued_date, n.deadline
       FROM submissions s JOIN institutions i ON i.code = s.institution
       LEFT JOIN return_notices n ON n.submission_id = s.id
       WHERE ${where('s')} AND s.status <> 'rolled_back'
         AND EXISTS (SELECT 1 FROM submission_issues x WHERE x.submission_id = s.id AND x.severity = 'warning' AND (x.ack = 'explain' OR x.rule IS NOT NULL))
       ORDER BY s.id DESC`,
    )
    .all(params) as CandidateRow[];
  const of = (kind: 'rejected' | 'submission', r: CandidateRow): ReturnCandidate => ({
    source: { kind, id: r.id },
    institution: r.institution,
    institutionName: r.name,
    quarter: r.quarter,
    fileName: r.file_name,
    receivedDate: r.received_date,
    sha256: r.sha256,
    problems: r.problems,
    notice: r.number && r.issued_date && r.deadline ? { number: r.number, date: r.issued_date, deadline: r.deadline } : null,
  });
  return [...rejected.map((r) => of('rejected', r)), ...accepted.map((r) => of('submission', r))];
}

interface CandidateRow {
  id: number;
  institution: string;
  name: string;
  quarter: string;
  file_name: string;
  received_date: string | null;
  sha256: string | null;
  problems: number;
  number: string | null;
  issued_date: string | null;
  deadline: string | null;
}

/**
 * The latest notice of each report in these quarters (key `institution|quarter`) and the
 * arrival date of the first report stored after it (the 重报), if one came.
 */
export function returnStates(db: DB, from: string, to: string): Map<string, ReturnState> {
  const rows = statement(
    db,
    `SELECT n.institution, n.quarter, n.number, n.issued_date, n.deadline,
            (SELECT s.received_date FROM submissions s WHERE s.institution = n.institution AND s.quarter = n.quarter AND s.status <> 'rolled_back' AND s.id > n.after_submission
             ORDER BY s.id LIMIT 1) AS resubmitted
     FROM return_notices n
     WHERE n.quarter BETWEEN ? AND ? AND n.id = (SELECT MAX(m.id) FROM return_notices m WHERE m.institution = n.institution AND m.quarter = n.quarter)`,
  ).all(from, to) as { institution: string; quarter: string; number: string; issued_date: string; deadline: string; resubmitted: string | null }[];
  return new Map(rows.map((r) => [`${r.institution}|${r.quarter}`, { number: r.number, date: r.issued_date, deadline: r.deadline, resubmitted: r.resubmitted }]));
}
