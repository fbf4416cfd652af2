/** A cell of the submission matrix explained: its state as the matrix computes it, the deadline and every version received. */
import type { DB } from '../db/database';
import type { Explanation } from '../../api/explain-types';
import { formatDate, parseQuarter, quarterId, quarterLabel, reportDeadline } from '../../domain/quarter';
import { fail } from '../../domain/result';
import { statusMatrix } from '../import/status';
import { listHistory } from '../import/submissions';
import { resolveInstitution } from '../registry/institutions';
import { parseQuarterOrFail } from '../indicators';

const STATUS_WORD = { current: '当前版本', superseded: '已被替代', rolled_back: '已撤销' } as const;

/** The deadline the matrix judged against (the periods calendar), else quarter end + 5 days. */
export function deadlineOf(db: DB, quarter: string): string {
  const r = db.prepare('SELECT deadline FROM periods WHERE quarter = ?').get(quarter) as { deadline: string } | undefined;
  if (r) return r.deadline;
  const q = parseQuarter(quarter);
  return q ? formatDate(reportDeadline(q)) : '';
}

export function explainSubmission(db: DB, ref: { institution: string; quarter: string }): Explanation {
  const inst = resolveInstitution(db, ref.institution);
  if (!inst) fail('E_INSTITUTION_UNKNOWN', `机构「${ref.institution}」不在机构名录中。`);
  const q = parseQuarterOrFail(ref.quarter);
  const quarter = quarterId(q);
  const cell = statusMatrix(db, { quarter, region: inst.region }).cells.find((c) => c.institution === inst.code && c.quarter === quarter);
  const versions = listHistory(db, inst.code, quarter);
  const current = versions.find((v) => v.status === 'current') ?? null;
  const deadline = deadlineOf(db, quarter);
  const state = cell?.state ?? (current ? (current.late ? '逾期' : '已报') : '未报');
  const first = versions.find((v) => v.status !== 'rolled_back') ?? null;
  const facts = [
    { label: '状态', value: `${state}${cell && cell.resubmissions > 0 ? `（重报 ${cell.resubmissions} 次）` : ''}` },
    { label: '截止日期', value: deadline },
    { label: '首次收到', value: first ? `${first.receivedDate}（${first.fileName}）` : '未收到' },
    ...(current ? [{ label: '当前版本', value: `第${current.version}版${current.version > 1 ? '（重报）' : ''}，${current.receivedDate} 收到，报送记录 ${current.id}` }] : []),
  ];
  return {
    kind: 'submission',
    title: `${inst.name} · ${quarterLabel(q)} · 报送情况`,
    label: '报送情况',
    value: null,
    display: state,
    unit: '',
    definition: '该机构本季度报表的报送状态：截止日（季度结束后 5 日内，遇节假日顺延以报送日历为准）前收到为「已报」，之后收到为「逾期」，没有有效报表为「未报」；收到更正后的报表计为「重报」。',
    formula: '逾期按首次收到的报表判断：重报不会把按时报送变为逾期；已撤销批次中的报表不计。',
    comparable: '',
    facts,
    operands: [],
    included: [],
    excluded: [],
    components: versions.map((v) => ({
      label: `第${v.version}版${v.version > 1 ? '（重报）' : ''}：${v.fileName}`,
      display: `${v.receivedDate} 收到${v.late ? '（逾期）' : ''}，${STATUS_WORD[v.status]}，导入批次 ${v.batchId}`,
      value: v.id,
    })),
    inputs: [],
    indicator: null,
    quarter,
    region: inst.region,
    institution: inst.code,
    member: null,
    report: { institution: inst.code, quarter },
  };
}
