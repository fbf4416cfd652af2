/**
 * 目标跟踪 explained: the target's words and where they are written, how it was
 * judged (the tracker's own sentence), and the indicator figures behind it — the
 * region's or the bank's value, each bank's for a target on every bank, each
 * year's for a cumulative one, each report for the reporting target.
 */
import type { DB } from '../db/database';
import type { ExplainComponent, ExplainInput, Explanation, FigureRef } from '../../api/explain-types';
import type { TargetDef } from '../../domain/targets/types';
import { fail } from '../../domain/result';
import { analystTargets, evaluateTargets, seedTargets } from '../targets/evaluate';
import { explainIndicator, regionOrFail } from './indicator';
import { priorYears } from '../targets/prior';
import { formatAmount } from '../../domain/present/number';
import { pricingTable } from '../pricing';
import { formatPercent } from '../../domain/indicators/format';

export interface TargetQuery {
  region: string;
  target: string;
  quarter?: string;
}

export function explainTarget(db: DB, q: TargetQuery): Explanation {
  const region = regionOrFail(db, q.region);
  const status = evaluateTargets(db, { region: region.code, ...(q.quarter ? { quarter: q.quarter } : {}) }).find((t) => t.id === q.target);
  const def: TargetDef | undefined = [...seedTargets(), ...analystTargets(db)].find((t) => t.id === q.target);
  if (!status || !def) fail('E_TARGET_NOT_FOUND', { id: q.target, region: region.name });
  const quarter = status.quarter;
  const components: ExplainComponent[] = [];
  let inputs: ExplainInput[] = [];
  let comparable = '';
  // The tracker judges a region over the registry's active institutions.
  const scopeOf = (institution: string | undefined): { institution: string } | { activeOnly: true } => (institution ? { institution } : { activeOnly: true });
  const ind = (institution: string | undefined, at: string = quarter): FigureRef | undefined =>
    def.indicator ? { kind: 'indicator', region: region.code, quarter: at, indicator: def.indicator, ...scopeOf(institution), ...(def.member ? { member: def.member } : {}) } : undefined;

  if (def.goal.kind === 'coverage') {
    // Coverage: per 镇街, the distinct villages (entities) over the facts the analyst entered.
    for (const d of status.details) components.push({ label: d.name, display: d.value === null ? '无数据（未录入总数）' : `${(d.value * 100).toFixed(2)}%`, value: d.value });
    comparable = '按村（主体）计：多家机构覆盖同一行政村（主体）只计一次；分母为分析人员录入的各镇街行政村数（或新型农业经营主体名录数），注明截至日期与来源，不用各行自报的服务区域数。';
  } else if (quarter && def.goal.kind === 'pricing') {
    // Each bank and tenor: its rate against the LPR in force when it lent, down to the report's cells.
    const product = def.goal.product;
    const table = pricingTable(db, { region: region.code, quarter });
    const p = table.products.find((x) => x.id === product);
    for (const r of p?.rows ?? []) {
      if (r.status === 'noIssuance') continue;
      const e = r.note === null ? explainIndicator(db, { region: region.code, quarter, indicator: r.rateField, institution: r.institution }) : null;
      const display =
        r.spreadBp === null || r.rate === null || r.benchmark === null
          ? (r.note ?? r.statusWord)
          : `${formatPercent(r.rate, 2)}，发放时${r.lprLabel} ${formatPercent(r.benchmark, 2)}，加点 ${r.spreadBp.toFixed(1)}BP，${r.statusWord}`;
      components.push({ label: `${r.name} · ${r.tenorLabel}`, display, value: r.spreadBp, ...(e ? { ref: { kind: 'indicator' as const, region: region.code, quarter, indicator: r.rateField, institution: r.institution } } : {}) });
      if (e) inputs = inputs.concat(e.inputs);
    }
    comparable = table.definition.join('');
  } else if (quarter && def.goal.kind === 'reports') {
    for (const d of status.details) components.push({ label: d.name, display: d.value === null ? '未报' : d.value === 1 ? '逾期' : '按时', value: d.value, ref: { kind: 'submission', institution: d.institution, quarter } });
  } else if (quarter && def.indicator && def.scope === 'each') {
    for (const d of status.details) {
      const ref = ind(d.institution);
      components.push({ label: d.name, display: d.met === null ? '无数据' : d.met ? '达到' : '未达到', value: d.value, ...(ref ? { ref } : {}) });
    }
  } else if (quarter && def.indicator && def.goal.kind === 'cumulative') {
    const last = Number(quarter.slice(0, 4));
    // The analyst's prior figure, where it stood for years without report data.
    const prior = status.prior?.used ? status.prior : null;
    const span = prior ? priorYears(prior.period) : null;
    if (prior && span) components.push({ label: `${span.from}—${span.to}年（分析人员录入）`, display: `${formatAmount(prior.amount)} 万元，来源：${prior.source}`, value: prior.amount });
    for (let y = def.goal.fromYear; y <= Math.min(last, def.goal.toYear); y++) {
      if (span && y >= span.from && y <= span.to) continue;
      const at = y === last ? quarter : `${y}Q4`;
      const e = explainIndicator(db, { region: region.code, quarter: at, indicator: def.indicator, ...scopeOf(def.institution), ...(def.member ? { member: def.member } : {}) });
      const ref = ind(def.institution, at);
      components.push({ label: `${y}年`, display: e.display, value: e.value, ...(ref ? { ref } : {}) });
      inputs = inputs.concat(e.inputs);
    }
    comparable = `逐年取当年累计发放额相加；任一年无数据则无法累计${prior ? '；没有报表明细的年份用分析人员录入的往年数（注明来源），补录或报表数据齐全后改用明细' : ''}。`;
  } else if (quarter && def.indicator) {
    const institution = def.scope === 'institution' ? def.institution : undefined;
    const e = explainIndicator(db, { region: region.code, quarter, indicator: def.indicator, ...scopeOf(institution), ...(def.member ? { member: def.member } : {}) });
    const ref = ind(institution);
    components.push({ label: `实际 · ${e.label}`, display: e.display, value: e.value, ...(ref ? { ref } : {}) });
    if (status.prior?.used) {
      components.push({ label: `起点 ${status.prior.period}（分析人员录入）`, display: `${formatAmount(status.prior.amount)} 万元，来源：${status.prior.source}`, value: status.prior.amount });
    }
    if (def.goal.kind === 'base') {
      const baseQuarter = def.goal.base === 'yearStart' ? `${Number(quarter.slice(0, 4)) - 1}Q4` : `${Number(quarter.slice(0, 4)) - 1}${quarter.slice(4)}`;
      const b = explainIndicator(db, { region: region.code, quarter: baseQuarter, indicator: def.indicator, ...scopeOf(institution), ...(def.member ? { member: def.member } : {}) });
      const bref = ind(institution, baseQuarter);
      components.push({ label: `${def.goal.base === 'yearStart' ? '年初' : '上年同期'} · ${b.label}`, display: b.display, value: b.value, ...(bref ? { ref: bref } : {}) });
      inputs = b.inputs;
    }
    inputs = [...e.inputs, ...inputs];
    comparable = e.comparable;
  }

  return {
    kind: 'target',
    title: `${status.who} · ${status.indicatorLabel}`,
    label: status.indicatorLabel,
    value: status.actual,
    display: status.status,
    unit: '',
    definition: `${status.clause}（${status.source}）`,
    formula: `目标：${status.goalText}；期限：${status.byLabel}`,
    comparable,
    facts: [
      { label: '评价', value: `${status.status}：${status.figures}` },
      { label: '评价季度', value: quarter || '无数据' },
      { label: '来源', value: status.origin === 'seed' ? '政策文件' : '分析人员设定' },
    ],
    operands: [],
    included: [],
    excluded: [],
    components,
    inputs,
    indicator: def.indicator ?? null,
    quarter: quarter || null,
    region: region.code,
    institution: def.institution ?? null,
    member: def.member ?? null,
  };
}
