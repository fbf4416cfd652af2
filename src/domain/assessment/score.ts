/**
 * Scores a region's institutions for one year under one scheme version:
 * groups, item scores, 加分/扣分 with caps, totals, ranks and grades.
 * total = quantitative + qualitative + bonus − penalty (all to two decimals).
 */
import { applyRule, roundPoints, type RuleContext } from './rules';
import { assignGrades } from './grade';
import type { GroupDef, IndicatorScore, InstitutionResult, ScoreResult, ScoringInput, ScoringInstitution } from './types';

export const OTHER_GROUP: GroupDef = { id: 'other', label: '其他机构组' };

export function groupOf(scheme: ScoringInput['scheme'], inst: Pick<ScoringInstitution, 'code' | 'type' | 'size'>): GroupDef {
  return (
    scheme.groups.find((g) => g.institutions?.includes(inst.code)) ??
    scheme.groups.find((g) => (!g.types || g.types.includes(inst.type)) && (!g.sizes || g.sizes.includes(inst.size)) && (g.types || g.sizes)) ??
    OTHER_GROUP
  );
}

/** Sums in hundredths so that totals equal the printed parts exactly. */
function sumPoints(xs: number[]): number {
  return xs.reduce((a, x) => a + Math.round(x * 100), 0) / 100;
}

export function scoreYear(input: ScoringInput): ScoreResult {
  const { scheme } = input;
  const groups = new Map<string, { def: GroupDef; members: ScoringInstitution[] }>();
  for (const inst of input.institutions) {
    const def = groupOf(scheme, inst);
    const g = groups.get(def.id) ?? { def, members: [] };
    g.members.push(inst);
    groups.set(def.id, g);
  }
  const categories = new Map(scheme.categories.map((c) => [c.id, c]));
  const results: InstitutionResult[] = [];
  for (const { def, members } of groups.values()) {
    for (const inst of members) {
      const base: Omit<RuleContext, 'itemId'> = { input, institution: inst, group: members, groupLabel: def.label, year: input.year };
      const indicators: IndicatorScore[] = scheme.items.map((item) => {
        const cat = categories.get(item.category);
        const o = applyRule(item.rule, item.max, { ...base, itemId: item.id });
        return { id: item.id, label: item.label, category: item.category, categoryLabel: cat?.label ?? item.category, part: cat?.part ?? 'quantitative', raw: o.raw, score: o.score, max: item.max, explanation: o.explanation };
      });
      const adjust = (kind: 'bonus' | 'penalty'): { total: number; rows: IndicatorScore[] } => {
        const sec = scheme[kind];
        const rows = sec.items.map((a): IndicatorScore => {
          const o = applyRule(a.rule, a.max, { ...base, itemId: a.id });
          const label = kind === 'bonus' ? '加分项' : '扣分项';
          return { id: a.id, label: a.label, category: kind, categoryLabel: label, part: kind, raw: o.raw, score: o.score, max: a.max, explanation: `${label}：${o.explanation}` };
        });
        const raw = sumPoints(rows.map((r) => r.score));
        const total = Math.min(raw, sec.cap);
        if (raw > sec.cap && rows.length) {
          const last = rows[rows.length - 1];
          if (last) last.explanation += `；${kind === 'bonus' ? '加分' : '扣分'}合计 ${raw} 分，按上限计 ${sec.cap} 分`;
        }
        return { total: roundPoints(total), rows };
      };
      const bonus = adjust('bonus');
      const penalty = adjust('penalty');
      const quantitative = sumPoints(indicators.filter((i) => i.part === 'quantitative').map((i) => i.score));
      const qualitative = sumPoints(indicators.filter((i) => i.part === 'qualitative').map((i) => i.score));
      const total = sumPoints([quantitative, qualitative, bonus.total]) * 100 - Math.round(penalty.total * 100);
      results.push({
        institution: inst.code,
        institutionName: inst.name,
        group: def.id,
        groupLabel: def.label,
        quantitative,
        qualitative,
        bonus: bonus.total,
        penalty: penalty.total,
        total: Math.round(total) / 100,
        rank: 0,
        groupSize: members.length,
        overallRank: 0,
        grade: '勉励',
        indicators: [...indicators, ...bonus.rows, ...penalty.rows],
      });
    }
  }
  rankWithin(results, (r) => r.group, (r, rank) => (r.rank = rank));
  rankWithin(results, () => '', (r, rank) => (r.overallRank = rank));
  assignGrades(results, scheme.grading);
  const groupOrder = [...scheme.groups.map((g) => g.id), OTHER_GROUP.id];
  results.sort((a, b) => groupOrder.indexOf(a.group) - groupOrder.indexOf(b.group) || a.rank - b.rank || a.institution.localeCompare(b.institution));
  const qualitativeItems = scheme.items.filter((i) => i.rule.type === 'qualitative').map((i) => i.id);
  const entered = input.institutions.reduce((n, inst) => n + qualitativeItems.filter((id) => inst.qualitative[id] !== undefined).length, 0);
  return {
    region: input.region,
    year: input.year,
    schemeId: scheme.id,
    schemeVersion: input.schemeVersion,
    schemeName: scheme.name,
    gradingMethod: scheme.grading.method,
    results,
    qualitative: { entered, needed: input.institutions.length * qualitativeItems.length },
    reports: input.reports,
    examples: input.examples,
  };
}

/** Competition ranking (1, 1, 3): equal totals share the better rank. */
export function rankWithin<T extends { total: number }>(rows: T[], key: (r: T) => string, set: (r: T, rank: number) => void): void {
  const by = new Map<string, T[]>();
  for (const r of rows) by.set(key(r), [...(by.get(key(r)) ?? []), r]);
  for (const list of by.values()) for (const r of list) set(r, list.filter((o) => o.total > r.total).length + 1);
}
