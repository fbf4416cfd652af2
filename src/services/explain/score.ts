/**
 * 考核评估 figures explained: an institution's total as the sum of its item scores,
 * and an item as the scoring engine explains it (its rule and sentence) with the
 * indicator figures behind it, each of which leads on to its report cells.
 */
import type { DB } from '../db/database';
import type { ExplainComponent, ExplainInput, Explanation, FigureRef } from '../../api/explain-types';
import type { ItemDef, AdjustmentDef, InstitutionResult, Rule } from '../../domain/assessment/types';
import { describeRule, dataQuarterLabel, gradingLines } from '../../domain/assessment/describe';
import { formatPointsValue } from '../../domain/assessment/rules';
import { formatFixed } from '../../domain/present/number';
import { labelOfQuarter } from '../../domain/present/periods';
import { formatLocalDateTime } from '../../domain/present/time';
import { fail } from '../../domain/result';
import { listQualitative, scoreRegionYear, schemeForYear } from '../assessment';
import { loadIndicatorCatalogue } from '../indicators';
import { statusMatrix } from '../import/status';
import { explainIndicator, regionOrFail } from './indicator';
import { assessmentResult } from '../charts/assessment';
import { bandIndex, scoreBands } from '../../domain/charts/assessment';

export interface ScoreQuery {
  region: string;
  year: number;
  institution: string;
  item?: string;
  scheme?: string;
}

const PART_WORD: Record<string, string> = { quantitative: '定量', qualitative: '定性', bonus: '加分项', penalty: '扣分项' };

function pts(x: number): string {
  return formatFixed(x, 2);
}

function lookup(id: string): { label: string; kind: 'amount' | 'count' | 'ratio' | 'ratioDiff'; unit: string; dimension: 'chain' | 'county' | null } | undefined {
  const d = loadIndicatorCatalogue().indicators.find((x) => x.id === id);
  return d ? { label: d.label, kind: d.kind, unit: d.unit, dimension: d.dimension ?? null } : undefined;
}

export function explainScore(db: DB, q: ScoreQuery): Explanation {
  const region = regionOrFail(db, q.region);
  const result = scoreRegionYear(db, { region: region.code, year: q.year, save: false, ...(q.scheme ? { scheme: q.scheme } : {}) });
  const mine = result.results.find((r) => r.institution === q.institution);
  if (!mine) fail('E_SCORE_INSTITUTION', { institution: q.institution, region: region.name, year: q.year });
  const { scheme } = schemeForYear(db, region.code, q.year, q.scheme ?? null);
  const dataQuarter = `${q.year}Q${scheme.dataQuarter}`;
  const base: Pick<Explanation, 'indicator' | 'quarter' | 'region' | 'institution' | 'member' | 'included' | 'excluded' | 'operands'> = {
    indicator: null,
    quarter: dataQuarter,
    region: region.code,
    institution: mine.institution,
    member: null,
    included: [],
    excluded: [],
    operands: [],
  };
  const schemeLine = `${result.schemeName} 第${result.schemeVersion}版；以${dataQuarterLabel(scheme.dataQuarter)}为准`;

  if (!q.item) {
    const components: ExplainComponent[] = mine.indicators.map((s) => ({
      label: `${PART_WORD[s.part] ?? s.part} · ${s.label}`,
      display: `${s.part === 'penalty' ? '扣' : '得'} ${formatPointsValue(s.score)}/${formatPointsValue(s.max)} 分`,
      value: s.score,
      note: s.explanation,
      ref: { kind: 'score', region: region.code, year: q.year, institution: mine.institution, item: s.id, ...(q.scheme ? { scheme: q.scheme } : {}) },
    }));
    return {
      ...base,
      kind: 'score',
      title: `${mine.institutionName} · ${q.year}年度考核评估 · 总分`,
      label: '考核评估总分',
      value: mine.total,
      display: `${pts(mine.total)} 分`,
      unit: '分',
      definition: `按${schemeLine}，定量 ${scheme.parts.quantitative} 分、定性 ${scheme.parts.qualitative} 分，另计加分（上限 ${scheme.bonus.cap} 分）与扣分（上限 ${scheme.penalty.cap} 分）。`,
      formula: `总分 = 定量 ${pts(mine.quantitative)} + 定性 ${pts(mine.qualitative)} + 加分 ${pts(mine.bonus)} − 扣分 ${pts(mine.penalty)} = ${pts(mine.total)} 分`,
      comparable: `组内比较：${mine.groupLabel}共 ${mine.groupSize} 家，组内排名在同组机构间比较。`,
      facts: [
        { label: '组别', value: `${mine.groupLabel}（组内第 ${mine.rank} 名 / ${mine.groupSize} 家，全地区第 ${mine.overallRank} 名）` },
        { label: '等次', value: `${mine.grade}（${result.gradingMethod === 'score' ? '按分数线' : '按组内比例'}：${gradingLines(scheme.grading).map((g) => `${g.grade} ${g.rule}`).join('；')}）` },
        { label: '方案', value: schemeLine },
      ],
      components,
      inputs: [],
    };
  }

  const score = mine.indicators.find((s) => s.id === q.item);
  const def: ItemDef | AdjustmentDef | undefined = [...scheme.items, ...scheme.bonus.items, ...scheme.penalty.items].find((i) => i.id === q.item);
  if (!score || !def) fail('E_ITEM_UNKNOWN', { scheme: result.schemeName, kind: '评分项', id: q.item, known: mine.indicators.map((s) => s.id).join('、') });
  const role = score.part === 'bonus' ? 'bonus' : score.part === 'penalty' ? 'penalty' : 'item';
  const { components, inputs } = behind(db, def.rule, mine, result.results, region.code, q.year, dataQuarter);
  const facts = [
    { label: '计分说明', value: score.explanation },
    { label: '部分', value: `${PART_WORD[score.part] ?? score.part} · ${score.categoryLabel}` },
    { label: '方案', value: schemeLine },
  ];
  if (def.rule.type === 'qualitative') {
    const entry = listQualitative(db, region.code, q.year).find((e) => e.institution === mine.institution && e.item === def.id);
    facts.push({ label: '评分人', value: entry ? `${entry.enteredBy}，${formatLocalDateTime(entry.enteredAt)}` : '尚未录入' });
  }
  return {
    ...base,
    kind: 'score',
    title: `${mine.institutionName} · ${q.year}年度考核评估 · ${score.label}`,
    label: score.label,
    value: score.score,
    display: `${score.part === 'penalty' ? '扣' : '得'} ${formatPointsValue(score.score)}/${formatPointsValue(score.max)} 分`,
    unit: '分',
    definition: itemNote(def) ?? score.label,
    formula: describeRule(def.rule, lookup, role, def.max),
    comparable: def.rule.type === 'rank' || def.rule.type === 'ratioToBest' ? `组内比较：与${mine.groupLabel}的 ${mine.groupSize} 家机构比较（无数据的机构不参与比较）。` : '',
    facts,
    components,
    inputs,
  };
}

/** The figures an item's rule reads: the institution's indicator(s), the group's or the region's, or its reports. */
function behind(
  db: DB,
  rule: Rule,
  mine: InstitutionResult,
  all: InstitutionResult[],
  region: string,
  year: number,
  quarter: string,
): { components: ExplainComponent[]; inputs: ExplainInput[] } {
  if (rule.type === 'qualitative') return { components: [], inputs: [] };
  if (rule.type === 'reportDeductions' || rule.type === 'reportCount') {
    const m = statusMatrix(db, { from: `${year}Q1`, to: `${year}Q4`, region });
    const components = m.cells
      .filter((c) => c.institution === mine.institution)
      .map((c) => ({ label: `${labelOfQuarter(c.quarter)}报表`, display: c.state, value: null, ref: { kind: 'submission', institution: c.institution, quarter: c.quarter } satisfies FigureRef }));
    return { components, inputs: [] };
  }
  const ind = (indicator: string, institution: string | undefined, member: string | undefined): FigureRef => ({
    kind: 'indicator',
    region,
    quarter,
    indicator,
    ...(institution ? { institution } : {}),
    ...(member ? { member } : {}),
  });
  const own = explainIndicator(db, { region, quarter, indicator: rule.indicator, institution: mine.institution, ...(rule.member ? { member: rule.member } : {}) });
  const components: ExplainComponent[] = [{ label: `本机构 · ${own.label}`, display: own.display, value: own.value, ref: ind(rule.indicator, mine.institution, rule.member) }];
  const inputs = [...own.inputs];
  if (rule.type === 'compare') {
    const other = explainIndicator(db, { region, quarter, indicator: rule.against, institution: mine.institution });
    components.push({ label: `本机构 · ${other.label}`, display: other.display, value: other.value, ref: ind(rule.against, mine.institution, undefined) });
    inputs.push(...other.inputs);
  } else if (rule.type === 'regionAverage') {
    const r = explainIndicator(db, { region, quarter, indicator: rule.indicator, ...(rule.member ? { member: rule.member } : {}) });
    components.push({ label: `全地区 · ${r.label}`, display: r.display, value: r.value, ref: ind(rule.indicator, undefined, rule.member) });
  } else if (rule.type === 'rank' || rule.type === 'ratioToBest') {
    for (const other of all.filter((r) => r.group === mine.group && r.institution !== mine.institution)) {
      const e = explainIndicator(db, { region, quarter, indicator: rule.indicator, institution: other.institution, ...(rule.member ? { member: rule.member } : {}) });
      components.push({ label: `同组 · ${other.institutionName}`, display: e.display, value: e.value, ref: ind(rule.indicator, other.institution, rule.member) });
    }
  }
  return { components, inputs };
}

function itemNote(def: ItemDef | AdjustmentDef): string | undefined {
  return 'note' in def && typeof def.note === 'string' && def.note !== '' ? def.note : undefined;
}

/** A bar of the score charts: which banks it counts, each with its total (and on to its breakdown). */
export function explainScoreGroup(db: DB, q: { region: string; year: number; grade: string; band?: number; group?: string }): Explanation {
  const region = regionOrFail(db, q.region);
  // The charts show the year's recorded result, else the year scored now: the same here.
  const result = assessmentResult(db, region.code, `${q.year}Q4`);
  const bands = scoreBands(result.results.map((r) => r.total));
  const band = q.band === undefined ? null : bands[q.band];
  const members = result.results.filter((r) => r.grade === q.grade && (band === null || band === undefined || bandIndex(r.total, bands) === q.band) && (q.group === undefined || r.groupLabel === q.group));
  const where = [band ? band.label : null, q.group ?? null, q.grade].filter(Boolean).join(' · ');
  return {
    kind: 'scoreGroup',
    title: `${region.name} · ${result.year}年度考核评估 · ${where}`,
    label: '机构数',
    value: members.length,
    display: `${members.length} 家`,
    unit: '家',
    definition: `${result.year}年度考核评估中${band ? `总分在 ${band.label}` : ''}${q.group ? `「${q.group}」组内` : ''}等次为「${q.grade}」的机构。`,
    formula: `按${result.schemeName} 第${result.schemeVersion}版评分；等次${result.gradingMethod === 'score' ? '按分数线' : '按组内比例'}划分${band ? `；分段为 10 分一档，最高一档含上限` : ''}`,
    comparable: '',
    facts: [],
    operands: [],
    included: [],
    excluded: [],
    components: members.map((r) => ({
      label: r.institutionName,
      display: `${pts(r.total)} 分 · ${r.groupLabel}第 ${r.rank} 名`,
      value: r.total,
      ref: { kind: 'score', region: region.code, year: result.year, institution: r.institution } satisfies FigureRef,
    })),
    inputs: [],
    indicator: null,
    quarter: `${result.year}Q4`,
    region: region.code,
    institution: null,
    member: null,
  };
}
