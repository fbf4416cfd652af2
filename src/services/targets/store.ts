/** Targets analysts add (stored in the database beside the seeds' targets); each change audited. */
import type { DB } from '../db/database';
import type { TargetDef } from '../../domain/targets/types';
import { fail } from '../../domain/result';
import { parseQuarter } from '../../domain/quarter';
import { audit } from '../db/audit';
import { loadIndicatorCatalogue } from '../indicators';
import { analystTargets, latestQuarter, seedTargets } from './evaluate';
import { nowIso } from '../../domain/clock';
import { localUser } from '../settings/localUser';
import { pricingCatalogue } from '../pricing/table';

const OPS = ['>=', '>', '<=', '<'];

export function targetProblems(db: DB, t: TargetDef): string[] {
  const p: string[] = [];
  if (!t.id || !/^[A-Za-z0-9_.-]+$/.test(t.id)) p.push('目标编号只能含字母、数字、下划线、点和连字符。');
  if (!t.clause?.trim()) p.push('请填写目标原文或说明（clause）。');
  if (!t.who?.trim()) p.push('请填写责任主体（who）。');
  if (!db.prepare('SELECT 1 FROM regions WHERE code = ?').get(t.region)) p.push(`地区「${t.region}」不存在。`);
  if (!['region', 'institution', 'each'].includes(t.scope)) p.push('scope 应为 region（全地区）、institution（某机构）或 each（逐家机构）。');
  if (t.scope === 'institution') {
    const inst = t.institution ? (db.prepare('SELECT region FROM institutions WHERE code = ?').get(t.institution) as { region: string } | undefined) : undefined;
    if (!inst) p.push(`机构「${t.institution ?? ''}」不在机构名录中。`);
    else if (inst.region !== t.region) p.push(`机构「${t.institution}」不属于地区「${t.region}」。`);
  }
  const kinds = ['value', 'lpr', 'pricing', 'base', 'cumulative', 'reports', 'coverage'];
  if (!t.goal || !kinds.includes(t.goal.kind)) p.push(`目标类型应为 ${kinds.join('、')} 之一。`);
  else if (t.goal.kind === 'coverage') {
    if (t.goal.of !== 'villages' && t.goal.of !== 'nae') p.push('覆盖目标的 of 应为 villages（行政村）或 nae（新型农业经营主体）。');
    if (!(Number.isFinite(t.goal.value) && t.goal.value > 0 && t.goal.value <= 1)) p.push('覆盖目标的覆盖率应大于 0、不超过 1（如 0.95 表示 95%）。');
    if (!OPS.includes(t.goal.op)) p.push(`比较方式「${t.goal.op}」无效，可选 ${OPS.join(' ')}。`);
  } else if (t.goal.kind === 'pricing') {
    const products = pricingCatalogue().products.map((x) => x.id);
    if (!products.includes(t.goal.product)) p.push(`定价目标的贷款品种应为 ${products.join('、')} 之一。`);
    if (t.scope !== 'each') p.push('定价目标按机构逐家判断，scope 应为 each。');
  } else if (t.goal.kind !== 'reports') {
    if (!t.indicator || !loadIndicatorCatalogue().indicators.some((d) => d.id === t.indicator)) p.push(`指标「${t.indicator ?? ''}」不存在。`);
    if (t.goal.kind === 'lpr' && t.goal.tenor !== undefined && t.goal.tenor !== 'oneYear' && t.goal.tenor !== 'fiveYear') p.push('LPR 期限应为 oneYear（1年期）或 fiveYear（5年期以上）。');
    if ('op' in t.goal && !OPS.includes(t.goal.op)) p.push(`比较方式「${t.goal.op}」无效，可选 ${OPS.join(' ')}。`);
    if ((t.goal.kind === 'value' || t.goal.kind === 'cumulative') && !Number.isFinite(t.goal.value)) p.push('目标值应为数字。');
  }
  for (const [k, v] of [
    ['by', t.by],
    ['from', t.from],
  ] as const) {
    if (v !== undefined && !parseQuarter(v)) p.push(`${k === 'by' ? '期限' : '起点'}「${v}」应为季度，如 2025Q4。`);
  }
  return p;
}

export function addTarget(db: DB, t: TargetDef, actor = localUser(db)): TargetDef {
  const def: TargetDef = { ...t, byLabel: t.byLabel || (t.by ? `${t.by.slice(0, 4)}年第${t.by.slice(5)}季度末` : '每季度') };
  // A level to reach by a deadline is tracked on a straight path from where things stand when it is added.
  if (def.by && !def.from && def.goal?.kind === 'value') {
    const start = latestQuarter(db, def.region);
    if (start) def.from = start;
  }
  const problems = targetProblems(db, def);
  if (seedTargets().some((s) => s.id === def.id)) problems.push(`编号「${def.id}」已用于政策文件中的目标，请换一个。`);
  if (analystTargets(db).some((s) => s.id === def.id)) problems.push(`编号「${def.id}」已存在。`);
  if (problems.length) fail('E_TARGET_INVALID', { problems: problems.join('；') });
  db.transaction(() => {
    db.prepare('INSERT INTO analyst_targets (id, json, created_by, created_at) VALUES (?, ?, ?, ?)').run(def.id, JSON.stringify(def), actor, nowIso());
    audit(db, actor, 'target.add', 'target', def.id, def);
  })();
  return def;
}

export function removeTarget(db: DB, id: string, actor = localUser(db)): void {
  const r = db.prepare('UPDATE analyst_targets SET active = 0 WHERE id = ? AND active = 1').run(id);
  if (r.changes === 0) fail('E_TARGET_UNKNOWN', { id });
  audit(db, actor, 'target.remove', 'target', id, {});
}
