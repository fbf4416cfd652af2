/**
 * An indicator figure explained: the indicator engine traces the very evaluation the
 * pages show (same comparable set, same walk of the expression), and every stored
 * value it read is listed with its file, sheet, cell, version and arrival date. The
 * inputs of a region total therefore add up to it, and an input is exactly its cell.
 */
import type { DB } from '../db/database';
import type { Explanation, ExplainOperand, FigureRef } from '../../api/explain-types';
import type { IndicatorDef } from '../../domain/indicators/types';
import { comparableRule, exprKind, exprText, formulaText, OPERAND_ROLE, periodOf, type DescribeContext } from '../../domain/indicators/describe';
import { formatPercent, formatPoints, formatAmount, formatCount } from '../../domain/present/number';
import { parseQuarter, quarterId, quarterLabel } from '../../domain/quarter';
import { fail, failure } from '../../domain/result';
import { loadIndicatorCatalogue, loadRegionData, parseQuarterOrFail, regionScope, type RegionData } from '../indicators';
import { resolveInstitution } from '../registry/institutions';
import { resolveRegionCode } from '../registry/regions';
import { inputsFor } from './provenance';
import { isPerInstitution, type PerInstitutionDef } from '../indicators/regionFigure';
import { statement } from '../db/statements';
import { namesOf, type Names } from './names';

export type IndicatorQuery = Omit<Extract<FigureRef, { kind: 'indicator' }>, 'kind'>;

/** A number of an indicator's kind as the panel prints it (two decimals, % or 个百分点). */
export function showKind(value: number | null, kind: IndicatorDef['kind'], unit: string): string {
  if (value === null) return '无数据';
  switch (kind) {
    case 'ratio':
      return formatPercent(value, 2);
    case 'ratioDiff':
      return formatPoints(value, 2);
    case 'count':
      return `${formatCount(value)}${unit ? ` ${unit}` : ''}`;
    default:
      return `${formatAmount(value)}${unit ? ` ${unit}` : ''}`;
  }
}

export function regionOrFail(db: DB, text: string): { code: string; name: string } {
  const code = resolveRegionCode(db, text);
  if (!code) fail('E_REGION_UNKNOWN', { region: text });
  const r = db.prepare('SELECT name FROM regions WHERE code = ?').get(code) as { name: string };
  return { code, name: r.name };
}

export function indicatorOrFail(id: string): IndicatorDef {
  const def = loadIndicatorCatalogue().indicators.find((d) => d.id === id);
  if (!def) fail('E_INDICATOR_UNKNOWN', { id });
  return def;
}

/** A chain or county of the region, by code or name. */
function memberOrFail(db: DB, def: IndicatorDef, region: string, text: string): string {
  if (text === '*') return '*';
  if (!def.dimension) throw failure('E_MEMBER_NOT_APPLICABLE', { indicator: def.label });
  const sql =
    def.dimension === 'chain'
      ? 'SELECT code FROM chains WHERE region = ? AND (code = ? OR name = ?)'
      : 'SELECT code FROM region_units WHERE region = ? AND (code = ? OR name = ?)';
  const row = db.prepare(sql).get(region, text, text) as { code: string } | undefined;
  if (!row) {
    const list = db.prepare(def.dimension === 'chain' ? 'SELECT code, name FROM chains WHERE region = ? ORDER BY sort, code' : 'SELECT code, name FROM region_units WHERE region = ? ORDER BY sort, code').all(region) as { code: string; name: string }[];
    throw failure('E_MEMBER', { what: def.dimension === 'chain' ? '产业链' : '县（市、区）', text, known: list.map((m) => `${m.code}（${m.name}）`).join('、') || '无' });
  }
  return row.code;
}

function describeContext(data: RegionData, names: Names, member: string | null, aggregate: boolean): DescribeContext {
  return { fieldLabel: (k) => names.field(k), indicator: (id) => data.engine.indicator(id), memberName: (m) => names.member(m), member, aggregate };
}

function qLabelOf(id: string): string {
  const p = parseQuarter(id);
  return p ? quarterLabel(p) : id;
}

/**
 * The region figure of a per-institution-only indicator (村覆盖率 and the like): not the banks'
 * sum but the coverage over the region facts, each village (entity) counted once, per 镇街.
 */
function explainRegionFigure(data: RegionData, def: PerInstitutionDef, quarter: string, scope: string[], region: { code: string; name: string }, label: string): Explanation {
  const g = data.figures.of(def, quarter, scope);
  const s = g.kind === 'region' ? g.status : null;
  return {
    kind: 'indicator',
    title: `${region.name} · ${label} · ${def.label}`,
    label: def.label,
    value: g.value,
    display: showKind(g.value, def.kind, ''),
    unit: def.unit,
    definition: def.definition,
    formula: s ? s.definition : def.perInstitution.words,
    comparable: def.perInstitution.words,
    facts: s
      ? [
          { label: '范围', value: `${region.name}（区域事实，不是各机构报表数相加）` },
          { label: '分母', value: s.totalWords },
          { label: '分子', value: `已覆盖 ${s.covered} 个（${s.records} 条机构记录，同一个只计一次），截至 ${s.date}` },
        ]
      : [{ label: '范围', value: g.words }],
    operands: [],
    included: [],
    excluded: [],
    components: (s?.units ?? []).map((u) => ({
      label: u.unitName,
      display: u.rate === null ? `无数据（${u.total === null ? '未录入总数' : '总数为0'}）` : `${formatPercent(u.rate, 2)}（已覆盖 ${u.covered} / ${u.total}）`,
      value: u.rate,
    })),
    inputs: [],
    indicator: def.id,
    quarter,
    region: region.code,
    institution: null,
    member: null,
  };
}

export function explainIndicator(db: DB, query: IndicatorQuery): Explanation {
  const region = regionOrFail(db, query.region);
  const q = parseQuarterOrFail(query.quarter);
  const quarter = quarterId(q);
  const def = indicatorOrFail(query.indicator);
  let institution: string | null = null;
  if (query.institution) {
    const inst = resolveInstitution(db, query.institution);
    if (!inst) fail('E_INSTITUTION_UNKNOWN', { institution: query.institution });
    if (inst.region !== region.code) fail('E_INST_NOT_IN_REGION', { name: inst.name, region: region.name });
    institution = inst.code;
  }
  const member = query.member !== undefined && query.member !== '' ? memberOrFail(db, def, region.code, query.member) : def.dimension ? '*' : null;
  const data = loadRegionData(db, region.code, q, q, { indicators: [def.id] });
  const names = namesOf(db);
  const scope = institution ? [institution] : query.activeOnly ? data.institutions.filter((i) => i.active).map((i) => i.code) : regionScope(data);
  if (!institution && scope.length > 1 && isPerInstitution(def)) return explainRegionFigure(data, def, quarter, scope, region, qLabelOf(quarter));
  const trace = data.engine.trace(def.id, quarter, { institutions: scope, member }, data.values);
  const aggregate = institution === null;
  const ctx = describeContext(data, names, member, aggregate);
  const qLabel = qLabelOf;

  const operands: ExplainOperand[] = trace.operands.map((o) => {
    const kind = exprKind(o.expr, (k) => names.type(k), (id) => data.engine.indicator(id));
    const period = o.role === 'current' || o.role === 'base' ? periodOf(quarter, o.quarter) : null;
    return {
      label: `${o.role === 'base' ? `基期（${period ?? ''}）` : OPERAND_ROLE[o.role]}：${exprText(o.expr, ctx)}`,
      quarter: o.quarter,
      value: o.value,
      display: showKind(o.value, kind, 'field' in o.expr ? names.unit(o.expr.field) : kind === 'amount' ? '万元' : ''),
    };
  });

  // Only the fields the indicator reads were loaded: whether a report exists at all is asked of the store.
  const reportOf = statement(db, `SELECT template_version AS version FROM submissions WHERE institution = ? AND quarter = ? AND status = 'current'`);
  const onForm = statement(db, 'SELECT 1 FROM fields WHERE template_version = ? AND key = ?');
  const excluded = trace.missing.map((m) => {
    const reasons = new Map<string, { field: string; text: string }[]>();
    for (const i of m.inputs) {
      const list = reasons.get(i.quarter) ?? [];
      list.push({ field: i.field, text: `「${names.field(i.field)}${i.member && i.member !== '*' ? `（${names.member(i.member)}）` : ''}」` });
      reasons.set(i.quarter, list);
    }
    const reason = [...reasons.entries()]
      .map(([qq, fields]) => {
        const report = reportOf.get(m.institution, qq) as { version: string } | undefined;
        if (!report) return `${qLabel(qq)}未报送报表`;
        // A form without the item (an older version) cannot give the figure: said so, not 「未填」.
        const absent = fields.filter((f) => !onForm.get(report.version, f.field));
        const blank = fields.filter((f) => onForm.get(report.version, f.field));
        return [
          absent.length ? `${qLabel(qq)}报表为旧版（${report.version}），没有${absent.map((f) => f.text).join('、')}项目，无法计算` : '',
          blank.length ? `${qLabel(qq)}报表未填${blank.map((f) => f.text).join('、')}` : '',
        ]
          .filter(Boolean)
          .join('；');
      })
      .join('；');
    return { institution: m.institution, name: names.institution(m.institution), reason };
  });

  const where = [region.name, institution ? names.institution(institution) : null, member && member !== '*' ? names.member(member) : null].filter(Boolean).join(' · ');
  const rule = comparableRule(def, trace.inputs.map((i) => ({ field: i.field, quarterLabel: qLabel(i.quarter), member: i.member })), ctx, aggregate);
  return {
    kind: 'indicator',
    title: `${where} · ${qLabel(quarter)} · ${def.label}`,
    label: def.label,
    value: trace.value,
    display: showKind(trace.value, def.kind, def.kind === 'amount' || def.kind === 'count' ? def.unit : ''),
    unit: def.unit,
    definition: def.definition,
    formula: `${def.label} = ${formulaText(def, ctx)}`,
    comparable: rule,
    facts: [
      { label: '范围', value: institution ? `${names.institution(institution)}本机构报送数` : `${region.name}${query.activeOnly ? '在册' : '全部'}机构合计（共 ${scope.length} 家，计入 ${trace.included.length} 家）` },
      ...(member && member !== '*' ? [{ label: def.dimension === 'county' ? '县（市、区）' : '产业链', value: names.member(member) }] : []),
    ],
    operands,
    included: trace.included.map((c) => ({ institution: c, name: names.institution(c) })),
    excluded,
    components: [],
    inputs: inputsFor(db, trace.reads, quarter, names),
    indicator: def.id,
    quarter,
    region: region.code,
    institution,
    member,
  };
}
