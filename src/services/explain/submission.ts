/** A cell of the submission matrix explained: its state as the matrix computes it, the deadline and every version received. */
import { institutionDisplayName } from '../../domain/catalogue/exampleName';
import type { DB } from '../db/database';
import type { Explanation, FigureRef } from '../../api/explain-types';
import type { StatusCell } from '../../api/types';
import { quarterId, quarterLabel } from '../../domain/quarter';
import { deadlineInfo } from '../calendar/deadlines';
import { fail } from '../../domain/result';
import { statusMatrix } from '../import/status';
import { listHistory } from '../import/submissions';
import { resolveInstitution } from '../registry/institutions';
import { parseQuarterOrFail } from '../indicators';
import { regionOrFail } from './indicator';
import { formatLocalDateTime } from '../../domain/present/time';

const STATUS_WORD = { current: '当前版本', superseded: '已被替代', rolled_back: '已撤销' } as const;

/** The deadline in force (what 逾期 is judged against) in words: moved for a holiday, or set by hand, and why. */
function deadlineText(db: DB, quarter: string): string {
  const d = deadlineInfo(db, quarter);
  const why = d.source === 'analyst' ? `由${d.setBy ?? '分析人员'}设定：${d.reason ?? ''}` : (d.moved ?? '季度结束后 5 日');
  return `${d.deadline}（${why}）`;
}

export function explainSubmission(db: DB, ref: { institution: string; quarter: string }): Explanation {
  const inst = resolveInstitution(db, ref.institution);
  if (!inst) fail('E_INSTITUTION_UNKNOWN', { institution: ref.institution });
  const q = parseQuarterOrFail(ref.quarter);
  const quarter = quarterId(q);
  const cell = statusMatrix(db, { quarter, region: inst.region }).cells.find((c) => c.institution === inst.code && c.quarter === quarter);
  const versions = listHistory(db, inst.code, quarter);
  const current = versions.find((v) => v.status === 'current') ?? null;
  const deadline = deadlineText(db, quarter);
  const state = cell?.state ?? (current ? (current.late ? '逾期' : '已报') : '未报');
  const first = versions.find((v) => v.status !== 'rolled_back') ?? null;
  const timing = (v: { receivedDate: string; late: boolean }): string => `${v.receivedDate} 收到（${v.late ? '逾期' : '按时'}）`;
  const facts = [
    { label: '状态', value: `${state}${cell && cell.resubmissions > 0 ? `（重报 ${cell.resubmissions} 次）` : ''}` },
    { label: '截止日期', value: deadline },
    { label: '首次报送', value: first ? `第${first.version}版，${timing(first)}，${first.fileName}` : '未收到' },
    ...(current && current.id !== first?.id ? [{ label: '当前版本', value: `第${current.version}版（重报），${timing(current)}，报送记录 ${current.id}` }] : []),
  ];
  // The 说明 the analyst wrote to accept the current version's warnings (提示), as stored with it.
  for (const d of current?.decisions ?? []) {
    facts.push({ label: `说明${d.rule ? `（${d.rule}）` : ''}`, value: `${d.text}（${d.by}，${formatLocalDateTime(d.at)}）——${d.message}` });
  }
  // The matrix and the 报送及时性 score may judge a late 重报 of an on-time report differently: say so.
  if (first && current && first.id !== current.id && first.late !== current.late) {
    facts.push({ label: '注意', value: `首次报送${first.late ? '逾期' : '按时'}，当前版本（重报）${current.late ? '逾期' : '按时'}收到；本表按当前版本显示「${state}」，考核评估的报送及时性按首次报送计。` });
  }
  return {
    kind: 'submission',
    title: `${institutionDisplayName(inst)} · ${quarterLabel(q)} · 报送情况`,
    label: '报送情况',
    value: null,
    display: state,
    unit: '',
    definition: '该机构本季度报表的报送状态：截止日前收到为「已报」，截止日后收到为「逾期」，事后作为历史数据补录的为「补录」（不计按时或逾期），没有有效报表为「未报」；收到过更正后的报表另计「重报」。已撤销批次中的报表不计。',
    formula: `截止日 ${deadline}`,
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

/** 本季度报送 on 首页: the region's banks that reported the quarter, late, missing, resubmitted, as the matrix counts them. */
export function explainReports(db: DB, ref: { region: string; quarter: string }): Explanation {
  const region = regionOrFail(db, ref.region);
  const q = parseQuarterOrFail(ref.quarter);
  const quarter = quarterId(q);
  const m = statusMatrix(db, { quarter, region: region.code });
  const t = m.totals[0] ?? { reported: 0, late: 0, missing: 0, resubmitted: 0 };
  const order: Record<StatusCell['state'], number> = { 未报: 0, 逾期: 1, 补录: 2, 已报: 3 };
  const names = new Map(m.institutions.map((i) => [i.code, institutionDisplayName(i)]));
  const examples = new Set(m.institutions.filter((i) => i.example).map((i) => i.code));
  const cells = [...m.cells].sort((a, b) => order[a.state] - order[b.state] || a.institution.localeCompare(b.institution));
  return {
    kind: 'reports',
    title: `${region.name} · ${quarterLabel(q)} · 报送情况`,
    label: '本季度报送',
    value: t.reported,
    display: `${t.reported} / ${t.reported + t.missing} 家`,
    unit: '家',
    definition: '应报机构中已收到本季度有效报表的家数（含逾期报送与补录）；逾期按报送情况表的口径，以当前版本的收到日期与截止日比较。',
    formula: `已报 ${t.reported} 家（其中逾期 ${t.late} 家），未报 ${t.missing} 家，重报 ${t.resubmitted} 家`,
    comparable: '',
    facts: [{ label: '截止日期', value: deadlineText(db, quarter) }],
    operands: [],
    included: [],
    excluded: [],
    components: cells.map((c) => ({
      label: names.get(c.institution) ?? c.institution,
      display: examples.has(c.institution) && c.state === '未报' ? '示例机构，不计应报' : `${c.state}${c.resubmissions > 0 ? `（重报 ${c.resubmissions} 次）` : ''}${c.receivedDate ? `，${c.receivedDate} 收到` : ''}`,
      value: null,
      ref: { kind: 'submission', institution: c.institution, quarter } satisfies FigureRef,
    })),
    inputs: [],
    indicator: null,
    quarter,
    region: region.code,
    institution: null,
    member: null,
  };
}
