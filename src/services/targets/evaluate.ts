/**
 * The targets tracker: each target of the seeds (resources/targets) and each
 * target analysts added is judged from the current reports at a quarter:
 * 已达成 / 进度正常 / 落后 / 无数据, with the figures that decide it.
 */
import { latestQuarterWithData } from '../data/latestQuarter';
import type { DB } from '../db/database';
import type { Comparison } from '../../domain/assessment/types';
import type { TargetDef, TargetDetail, TargetStatus, TargetStatusWord } from '../../domain/targets/types';
import { compare } from '../../domain/assessment/rules';
import { formatAmount, formatPercent, formatPoints, NO_DATA } from '../../domain/indicators/format';
import { windowTimeProgress } from '../../domain/progress';
import { compareQuarters, formatDate, quarterEndDate, quarterId, quarterLabel, type Quarter } from '../../domain/quarter';
import { evaluateIndicator, loadIndicatorCatalogue, loadRegionData, parseQuarterOrFail, type RegionData } from '../indicators';
import { reportCounts } from '../assessment/reports';
import { readResourceJson } from '../resources';
import { loadLpr, lprMissingWords, lprRateOn } from './lpr';
import { priorPeriodOf, priorYears, targetPrior } from './prior';
import { bankPricing, benchmarkWord, pricingCatalogue } from '../pricing/table';
import { LPR_TENOR_LABEL } from '../../domain/lpr';
import { coverageStatus, COVERAGE_KINDS } from '../coverage';

export function seedTargets(): TargetDef[] {
  return readResourceJson<{ targets: TargetDef[] }>('targets', 'seed-targets.json').targets;
}

export function analystTargets(db: DB): TargetDef[] {
  return (db.prepare('SELECT json FROM analyst_targets WHERE active = 1 ORDER BY created_at, id').all() as { json: string }[]).map((r) => JSON.parse(r.json) as TargetDef);
}

/** The tracker's default quarter: the one 「latest quarter with data」 of every page (services/data/latestQuarter.ts). */
export function latestQuarter(db: DB, region: string): string | null {
  return latestQuarterWithData(db, region);
}

const OP_TEXT: Record<Comparison, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };

function show(kind: string | undefined, v: number | null, unit: string): string {
  if (v === null) return NO_DATA;
  if (kind === 'ratio') return formatPercent(v, 2);
  if (kind === 'ratioDiff') return formatPoints(v, 2);
  return `${formatAmount(v, kind === 'count' ? 0 : 2)}${unit}`;
}

interface Judged {
  prior?: TargetStatus['prior'];
  detailLabel?: '机构' | '镇街';
  detailKind?: 'ratio' | 'bp';
  status: TargetStatusWord;
  actual: number | null;
  goal: number | null;
  expected: number | null;
  figures: string;
  details: TargetDetail[];
}

function evaluateOne(db: DB, t: TargetDef, q: Quarter, data: RegionData): Judged {
  const catalogue = loadIndicatorCatalogue();
  const def = t.indicator ? catalogue.indicators.find((d) => d.id === t.indicator) : undefined;
  const fmt = (v: number | null): string => show(def?.kind, v, def?.unit === '万元' ? '万元' : def?.unit === '%' ? '' : (def?.unit ?? ''));
  const quarter = quarterId(q);
  const members = data.institutions.filter((i) => i.active).map((i) => i.code);
  const label = def?.label ?? '';
  const value = (insts: string[], at: Quarter = q): number | null => (t.indicator ? evaluateIndicator(data, t.indicator, quarterId(at), insts, t.member ?? null) : null);
  const deadline = t.by ? parseQuarterOrFail(t.by) : null;
  const beforeDeadline = deadline !== null && compareQuarters(q, deadline) < 0;
  const g = t.goal;

  if (g.kind === 'reports') {
    // 应报: the active banks, never a fictional one (示例机构).
    const due = data.institutions.filter((i) => i.active && !i.example);
    const counts = reportCounts(db, due.map((i) => i.code), q.year, '9999-12-31');
    // Only this quarter: was it in on time?
    // The first report of the quarter, judged against the stored deadline (submissions.late); a 补录 one is not judged.
    const rows = db
      // A real report is judged before any history values loaded for the quarter (the last row per institution wins below).
      .prepare(`SELECT institution, origin = 'history' AS hist, MIN(id) AS first, late, kind FROM submissions WHERE quarter = ? AND status <> 'rolled_back' GROUP BY institution, hist ORDER BY institution, hist DESC`)
      .all(quarter) as { institution: string; late: number; kind: string }[];
    const byInst = new Map(rows.map((r) => [r.institution, r]));
    const details: TargetDetail[] = due.map((i) => {
      const r = byInst.get(i.code);
      return { institution: i.code, name: i.name, value: r ? (r.late === 1 ? 1 : 0) : null, goal: 0, met: r ? r.late !== 1 : false };
    });
    const late = details.filter((d) => d.value === 1).map((d) => d.name);
    const missing = details.filter((d) => d.value === null).map((d) => d.name);
    const backfilled = details.filter((d) => byInst.get(d.institution)?.kind === 'backfill').map((d) => d.name);
    const yearLate = [...counts.values()].reduce((a, c) => a + c.late, 0);
    const onTime = details.length - late.length - missing.length - backfilled.length;
    const figures = `${quarterLabel(q)}应报 ${details.length} 家，按时 ${onTime} 家${late.length ? `，逾期 ${late.length} 家（${late.join('、')}）` : ''}${missing.length ? `，未报 ${missing.length} 家（${missing.join('、')}）` : ''}${backfilled.length ? `，补录 ${backfilled.length} 家（不计及时性）` : ''}；本年累计逾期 ${yearLate} 次`;
    return { status: late.length || missing.length ? '落后' : '已达成', actual: late.length + missing.length, goal: 0, expected: null, figures, details };
  }

  if (g.kind === 'cumulative') {
    const inst = t.institution ? [t.institution] : members;
    let sum = 0;
    const parts: string[] = [];
    // The analyst's prior figure stands for its years when any of them has no report data.
    const stored = targetPrior(db, t.id);
    const span = stored ? priorYears(stored.period) : null;
    const spanDetail = span ? Array.from({ length: Math.max(0, Math.min(span.to, q.year) - span.from + 1) }, (_v, i) => value(inst, span.from + i === q.year ? q : { year: span.from + i, q: 4 })) : [];
    const used = span !== null && spanDetail.some((v) => v === null);
    const prior = stored ? { ...stored, used } : null;
    if (stored && span && used) {
      sum += Math.round(stored.amount * 1e6);
      parts.push(`${span.from}—${span.to}年 ${fmt(stored.amount)}（分析人员录入，来源：${stored.source}）`);
    }
    for (let y = g.fromYear; y <= Math.min(q.year, g.toYear); y++) {
      if (used && span && y >= span.from && y <= span.to) continue;
      const at: Quarter = y === q.year ? q : { year: y, q: 4 };
      const v = value(inst, at);
      if (v === null) return { prior, status: '无数据', actual: null, goal: g.value, expected: null, figures: `${y}年${label}${NO_DATA}，无法累计`, details: [] };
      sum += Math.round(v * 1e6);
      parts.push(`${y}年 ${fmt(v)}`);
    }
    const actual = sum / 1e6;
    const share = windowTimeProgress(q, g.fromYear, g.toYear);
    const expected = g.value * share;
    const status: TargetStatusWord = actual >= g.value ? '已达成' : !beforeDeadline && deadline !== null ? '落后' : actual >= expected ? '进度正常' : '落后';
    const unused = stored && !used ? `；已录入的往年数（${stored.period.replace('-', '—')}年 ${fmt(stored.amount)}）未采用：各年报表数据齐全` : '';
    return {
      prior,
      status,
      actual,
      goal: g.value,
      expected,
      figures: `${g.fromYear}年以来累计 ${fmt(actual)}（${parts.join('，')}），目标 ${fmt(g.value)}，完成 ${formatPercent(actual / g.value)}，时序进度 ${formatPercent(share)}${unused}`,
      details: [],
    };
  }

  if (g.kind === 'coverage') {
    // Each village (entity) counted once, over the facts entered for the region, at the quarter's end.
    const date = formatDate(quarterEndDate(q));
    const c = coverageStatus(db, t.region, g.of, date);
    const item = COVERAGE_KINDS[g.of].item;
    const details: TargetDetail[] = c.units.map((u) => ({ institution: u.unit, name: u.unitName, value: u.rate, goal: g.value, met: u.rate === null ? null : compare(u.rate, g.op, g.value) }));
    const base = { detailLabel: '镇街' as const, detailKind: 'ratio' as const, goal: g.value, expected: null, details };
    const covered = `已覆盖 ${c.covered} 个（${c.records} 条机构记录，同一${item}只计一次）`;
    if (c.rate === null) return { ...base, status: '无数据', actual: null, figures: `截至${date}，${c.totalWords}；${covered}` };
    const short = details.filter((d) => d.met === false).map((d) => d.name);
    const met = compare(c.rate, g.op, g.value);
    return {
      ...base,
      status: met ? '已达成' : '落后',
      actual: c.rate,
      figures: `截至${date}，${c.totalWords}，${covered}，覆盖率 ${formatPercent(c.rate, 2)}；目标：${g.words ?? `覆盖率${OP_TEXT[g.op]} ${formatPercent(g.value, 0)}`}${short.length ? `；未达到的镇街：${short.join('、')}` : ''}`,
    };
  }

  if (g.kind === 'pricing') return judgePricingTarget(db, t, g.product, q);

  const goalAt = (insts: string[]): number | null => {
    if (g.kind === 'value') return g.value;
    if (g.kind === 'lpr') {
      const lpr = lprRateOn(db, formatDate(quarterEndDate(q)), g.tenor ?? 'oneYear');
      return lpr === null ? null : lpr * g.multiple;
    }
    const base: Quarter = g.base === 'yearStart' ? { year: q.year - 1, q: 4 } : { year: q.year - 1, q: q.q };
    const b = value(insts, base);
    return b === null ? null : b + (g.tolerance ?? 0) * (g.op === '<=' || g.op === '<' ? 1 : -1);
  };
  // A goal set on the LPR with no LPR for the date: said so, with how to add it (never the last rate carried on).
  const lprGap = (goal: number | null): string => (g.kind === 'lpr' && goal === null ? `；${lprMissingWords(loadLpr(db))}` : '');
  const goalWords = g.kind === 'lpr' ? `${g.multiple === 1 ? '' : `${g.multiple * 100}% × `}${LPR_TENOR_LABEL[g.tenor ?? 'oneYear']}` : g.kind === 'base' ? (g.base === 'yearStart' ? '年初' : '上年同期') : '目标';

  if (t.scope === 'each') {
    const details: TargetDetail[] = data.institutions
      .filter((i) => i.active)
      .map((i) => {
        const v = value([i.code]);
        const goal = goalAt([i.code]);
        return { institution: i.code, name: i.name, value: v, goal, met: v === null || goal === null ? null : compare(v, g.op, goal) };
      })
      .filter((d) => d.value !== null);
    if (details.length === 0) return { status: '无数据', actual: null, goal: goalAt(members), expected: null, figures: `${quarterLabel(q)}没有机构报送${label}${lprGap(goalAt(members))}`, details };
    const failing = details.filter((d) => d.met === false);
    const goalShown = goalAt(members);
    return {
      status: failing.length ? '落后' : details.some((d) => d.met === null) ? '无数据' : '已达成',
      actual: failing.length,
      goal: goalShown,
      expected: null,
      figures: `报送${label}的 ${details.length} 家中，${failing.length ? `${failing.length} 家未达到（${failing.map((d) => `${d.name} ${fmt(d.value)}`).join('、')}）` : '全部达到'}；${goalWords} ${fmt(goalShown)}${lprGap(goalShown)}`,
      details,
    };
  }

  const insts = t.scope === 'institution' && t.institution ? [t.institution] : members;
  const actual = value(insts);
  const goal = goalAt(insts);
  if (actual === null || goal === null) {
    return { status: '无数据', actual, goal, expected: null, figures: `${quarterLabel(q)}${label} ${fmt(actual)}，${goalWords} ${fmt(goal)}${lprGap(goal)}`, details: [] };
  }
  const met = compare(actual, g.op, goal);
  let status: TargetStatusWord = met ? '已达成' : '落后';
  let expected: number | null = null;
  let startWords = '';
  let prior: TargetStatus['prior'] = undefined;
  if (!met && beforeDeadline && deadline && t.from && g.kind === 'value') {
    // A level to reach by a deadline: on track while above the straight path from where it started.
    const start = parseQuarterOrFail(t.from);
    // Without a report at the start quarter, the analyst's prior figure for it (with its source).
    const stored = targetPrior(db, t.id);
    const reported = value(insts, start);
    const fromPrior = reported === null && stored !== null && stored.period === t.from;
    startWords = fromPrior && stored ? `；起点 ${t.from} ${fmt(stored.amount)}（分析人员录入，来源：${stored.source}）` : '';
    prior = stored ? { ...stored, used: fromPrior } : null;
    const base = reported ?? (fromPrior && stored ? stored.amount : null);
    if (base !== null) {
      const share = windowShare(start, q, deadline);
      expected = base + (g.value - base) * share;
      status = compare(actual, g.op, expected) ? '进度正常' : '落后';
    }
  }
  const path = expected === null ? '' : `，按期应达 ${fmt(expected)}`;
  const against =
    g.kind === 'base' && g.tolerance
      ? `${goalWords} ${fmt(goal - g.tolerance * (g.op === '<=' || g.op === '<' ? 1 : -1))}，容忍后${g.op === '<=' || g.op === '<' ? '上限' : '下限'} ${fmt(goal)}`
      : `${goalWords} ${fmt(goal)}`;
  return { prior, status, actual, goal, expected, figures: `${quarterLabel(q)}${label} ${fmt(actual)}，${against}${path}${startWords}`, details: [] };
}

/**
 * A pricing target: each bank reporting the product's new lending, every tenor at or below the
 * LPR in force when it was lent. A bank is 未达到 when a tenor is above its upper benchmark, 无数据
 * when it cannot be told (old form, 需核实, LPR not in the table); the detail is its highest 加点.
 */
function judgePricingTarget(db: DB, t: TargetDef, productId: string, q: Quarter): Judged {
  const product = pricingCatalogue().products.find((p) => p.id === productId);
  if (!product) return { status: '无数据', actual: null, goal: 0, expected: null, figures: `未知的贷款品种「${productId}」`, details: [] };
  const rows = bankPricing(db, t.region, quarterId(q), product);
  const bw = benchmarkWord(product);
  const names = new Map((db.prepare('SELECT code, name FROM institutions WHERE region = ?').all(t.region) as { code: string; name: string }[]).map((r) => [r.code, r.name]));
  const byBank = new Map<string, typeof rows>();
  for (const r of rows) byBank.set(r.institution, [...(byBank.get(r.institution) ?? []), r]);
  const details: TargetDetail[] = [];
  const words: string[] = [];
  for (const [inst, list] of byBank) {
    const lent = list.filter((r) => r.judgement.status !== 'noIssuance');
    if (lent.length === 0) continue;
    const spreads = lent.map((r) => r.judgement.spreadBp).filter((x): x is number => x !== null);
    const above = lent.some((r) => r.judgement.status === 'above');
    const unclear = lent.some((r) => r.judgement.status !== 'compliant' && r.judgement.status !== 'above');
    const met = above ? false : unclear ? null : true;
    details.push({ institution: inst, name: names.get(inst) ?? inst, value: spreads.length ? Math.max(...spreads) / 10000 : null, goal: 0, met });
    if (met !== true) {
      const parts = lent
        .filter((r) => r.judgement.status !== 'compliant')
        .map((r) => r.judgement.status === 'noLpr' ? `${r.tenor.label}（LPR未录入）` : `${r.tenor.label}${r.judgement.spreadBp === null ? (r.note ?? '') : `加点 ${r.judgement.spreadBp.toFixed(1)}BP`}（${r.judgement.status === 'above' ? `高于${bw}` : r.judgement.status === 'uncertain' ? '需核实' : r.note ? '无数据' : `${product.rateWord ?? '利率'}未填报`}）`);
      words.push(`${names.get(inst) ?? inst} ${parts.join('、')}`);
    }
  }
  const base = { detailKind: 'bp' as const, goal: 0, expected: null, details };
  if (details.length === 0) return { ...base, status: '无数据', actual: null, figures: `${quarterLabel(q)}没有机构报送当年新发放${product.label}（分期限）` };
  const failing = details.filter((d) => d.met === false);
  const unknown = details.filter((d) => d.met === null);
  const status: TargetStatusWord = failing.length ? '落后' : unknown.length === details.length ? '无数据' : '已达成';
  const head = `报送当年新发放${product.label}的 ${details.length} 家中，${failing.length ? `${failing.length} 家高于发放时${bw}` : `无高于发放时${bw}的`}${unknown.length ? `，${unknown.length} 家无法判断` : ''}`;
  const gap = rows.some((r) => r.judgement.status === 'noLpr') ? `；${lprMissingWords(loadLpr(db))}` : '';
  return { ...base, status, actual: failing.length, figures: `${head}${words.length ? `：${words.join('；')}` : ''}；${product.ruleWords}${gap}` };
}

/** Elapsed share between two quarter ends. */
function windowShare(from: Quarter, at: Quarter, to: Quarter): number {
  const span = (to.year - from.year) * 4 + (to.q - from.q);
  const done = (at.year - from.year) * 4 + (at.q - from.q);
  return span <= 0 ? 1 : Math.min(Math.max(done / span, 0), 1);
}

function goalText(t: TargetDef, kindUnit: { kind?: string; unit: string }): string {
  const g = t.goal;
  const f = (v: number): string => show(kindUnit.kind, v, kindUnit.unit === '万元' ? '万元' : '');
  switch (g.kind) {
    case 'value':
      return `${OP_TEXT[g.op]} ${f(g.value)}`;
    case 'lpr':
      return `${OP_TEXT[g.op]} ${g.multiple === 1 ? '' : `${g.multiple * 100}% × `}报告期末${LPR_TENOR_LABEL[g.tenor ?? 'oneYear']}`;
    case 'pricing':
      return pricingCatalogue().products.find((p) => p.id === g.product)?.ruleWords ?? '不高于发放时同期相应年限LPR';
    case 'base':
      return `${OP_TEXT[g.op]} ${g.base === 'yearStart' ? '年初' : '上年同期'}${g.tolerance ? `（容忍 ${formatPoints(g.tolerance)}）` : ''}`;
    case 'cumulative':
      return `${g.fromYear}—${g.toYear}年累计 ≥ ${f(g.value)}`;
    case 'reports':
      return '每季后5日内报送，无逾期、无漏报';
    case 'coverage':
      return `${OP_TEXT[g.op]} ${formatPercent(g.value, 0)}（${g.words ?? (g.value >= 1 ? '全覆盖' : '基本实现全覆盖')}）`;
  }
}

/** What a target measures, as its row names it. */
function targetLabel(def: TargetDef, indicatorLabel: string | undefined): string {
  const g = def.goal;
  if (g.kind === 'coverage') return COVERAGE_KINDS[g.of].rate;
  if (g.kind === 'pricing') {
    const p = pricingCatalogue().products.find((x) => x.id === g.product);
    return p ? `当年新发放${p.label}${p.rateWord ?? '利率'}与发放时${benchmarkWord(p)}` : '当年新发放贷款利率与发放时LPR';
  }
  return indicatorLabel ?? '季度报送及时性';
}

export interface EvaluateTargetsOptions {
  /** The quarter to judge (default: the newest quarter with reports, per region). */
  quarter?: string;
  region?: string;
}

export function evaluateTargets(db: DB, opts: EvaluateTargetsOptions = {}): TargetStatus[] {
  const all: { def: TargetDef; origin: 'seed' | 'analyst' }[] = [
    ...seedTargets().map((def) => ({ def, origin: 'seed' as const })),
    ...analystTargets(db).map((def) => ({ def, origin: 'analyst' as const })),
  ].filter((x) => !opts.region || x.def.region === opts.region);
  const catalogue = loadIndicatorCatalogue();
  const cache = new Map<string, RegionData>();
  return all.map(({ def, origin }) => {
    const latest = opts.quarter ?? latestQuarter(db, def.region);
    const ind = def.indicator ? catalogue.indicators.find((d) => d.id === def.indicator) : undefined;
    const base = {
      id: def.id,
      source: def.source,
      clause: def.clause,
      who: def.who,
      region: def.region,
      indicator: def.indicator ?? null,
      indicatorLabel: targetLabel(def, ind?.label),
      goalText: goalText(def, { kind: ind?.kind, unit: ind?.unit ?? '' }),
      byLabel: def.byLabel,
      origin,
      priorPeriod: priorPeriodOf(def),
    };
    if (!latest) return { ...base, quarter: '', status: '无数据' as const, actual: null, goal: null, expected: null, figures: '尚无任何报表数据', details: [] };
    let q = parseQuarterOrFail(latest);
    // A target with a deadline already passed is judged at its deadline.
    if (def.by) {
      const d = parseQuarterOrFail(def.by);
      if (compareQuarters(q, d) > 0) q = d;
    }
    const key = `${def.region}|${quarterId(q)}`;
    let data = cache.get(key);
    if (!data) {
      data = loadRegionData(db, def.region, { year: Math.min(q.year, def.goal.kind === 'cumulative' ? def.goal.fromYear : q.year, def.from ? parseQuarterOrFail(def.from).year : q.year), q: 1 }, q);
      cache.set(key, data);
    }
    return { ...base, quarter: quarterId(q), ...evaluateOne(db, def, q, data) };
  });
}
