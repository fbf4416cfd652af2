/**
 * The 任务台账 for a region and year: every measure of its document with the analyst's
 * record (status, notes, attachments; per 镇街 where the measure names 各镇街) and the
 * figures that evidence it, evaluated live from the current reports at the year's latest
 * quarter with data (or the quarter asked), each explainable in 数据来源.
 */
import type { DB } from '../db/database';
import { LEDGER_STATUSES, type LedgerEntry, type LedgerEvidence, type LedgerListing, type LedgerQuery, type LedgerRow, type LedgerStatus } from '../../api/ledger-types';
import type { TargetStatus } from '../../domain/targets/types';
import { formatIndicatorValue, NO_DATA } from '../../domain/indicators/format';
import { fail, failure } from '../../domain/result';
import { evaluateIndicator, loadIndicatorCatalogue, loadRegionData, parseQuarterOrFail, type RegionData } from '../indicators';
import { evaluateTargets } from '../targets';
import { getCountyTargets, progressParagraphs, progressTable } from '../progress';
import { recordedResult } from '../assessment/score';
import { coverageStatus, COVERAGE_KINDS } from '../coverage';
import type { CoverageKind, CoverageStatus } from '../../api/coverage-types';
import { formatDate, quarterEndDate, quarterId, quarterLabel } from '../../domain/quarter';
import { today } from '../../domain/clock';
import { entriesOf } from './store';
import { ledgerDocument, perTown, type LedgerMeasure } from './measures';

/** The quarter the figures stand at: the one asked, else the year's newest with any current report. */
function figuresQuarter(db: DB, region: string, year: number, asked?: string): string | null {
  if (asked) {
    const q = parseQuarterOrFail(asked);
    if (q.year !== year) fail('E_QUARTER_YEAR', { what: '数据季度', quarter: asked, year });
    return quarterId(q);
  }
  const r = db
    .prepare(`SELECT MAX(s.quarter) AS q FROM submissions s JOIN institutions i ON i.code = s.institution WHERE s.status = 'current' AND i.region = ? AND s.quarter LIKE ?`)
    .get(region, `${year}Q%`) as { q: string | null };
  return r.q;
}

interface Context {
  db: DB;
  region: string;
  year: number;
  quarter: string | null;
  data: RegionData | null;
  targets: TargetStatus[] | null;
  coverage: Map<CoverageKind, CoverageStatus>;
}

/** Coverage at the quarter's end (or the year's end, or today if that is later than today). */
function coverageAt(ctx: Context, kind: CoverageKind): CoverageStatus {
  let c = ctx.coverage.get(kind);
  if (!c) {
    const now = formatDate(today());
    const end = ctx.quarter ? formatDate(quarterEndDate(parseQuarterOrFail(ctx.quarter))) : `${ctx.year}-12-31`;
    c = coverageStatus(ctx.db, ctx.region, kind, end < now ? end : now);
    ctx.coverage.set(kind, c);
  }
  return c;
}

const pct2 = (x: number): string => `${(x * 100).toFixed(2)}%`;

const NO_REPORTS = `${NO_DATA}（本年度尚无报表）`;

function memberWords(member: string | undefined, dimension: string | undefined): string {
  if (!member) return '';
  if (member === '*') return dimension === 'county' ? '（全部县区）' : dimension === 'chain' ? '（全部产业链）' : '（合计）';
  return `（${member}）`;
}

function evidenceOf(ctx: Context, e: Pick<LedgerEvidence, 'kind' | 'id' | 'member'>): LedgerEvidence {
  const { db, region, year, quarter } = ctx;
  switch (e.kind) {
    case 'indicator': {
      const def = loadIndicatorCatalogue().indicators.find((d) => d.id === e.id);
      if (!def) throw failure('E_LEDGER_EVIDENCE', { what: '指标', id: e.id });
      const label = `${def.label}${memberWords(e.member, def.dimension)}`;
      if (!quarter || !ctx.data) return { ...e, label, display: NO_REPORTS, value: null };
      const value = evaluateIndicator(ctx.data, def.id, quarter, ctx.data.institutions.map((i) => i.code), e.member ?? null);
      return {
        ...e,
        label,
        value,
        display: formatIndicatorValue(value, def.kind, def.unit === '%' ? '' : def.unit),
        ref: { kind: 'indicator', region, quarter, indicator: def.id, ...(e.member ? { member: e.member } : {}) },
      };
    }
    case 'target': {
      ctx.targets ??= evaluateTargets(db, { region, ...(quarter ? { quarter } : {}) });
      const t = ctx.targets.find((x) => x.id === e.id);
      if (!t) throw failure('E_LEDGER_EVIDENCE', { what: '目标', id: e.id });
      const label = `目标：${t.goalText}（${t.byLabel}）`;
      if (!quarter) return { ...e, label, display: NO_REPORTS, value: null, status: '无数据' };
      return { ...e, label, value: t.actual, status: t.status, display: `${t.status}：${t.figures}`, ref: { kind: 'target', region, target: t.id, quarter: t.quarter || quarter } };
    }
    case 'progress': {
      const label = '「金融兴产强县」进度';
      if (!quarter) return { ...e, label, display: NO_REPORTS, value: null };
      if (!getCountyTargets(db, region, year).some((t) => t.annualTarget !== null)) return { ...e, label, display: `尚未录入${year}年各县年度目标`, value: null };
      const t = progressTable(db, { region, year, quarter });
      return { ...e, label, value: t.totals[0]?.completion ?? null, display: progressParagraphs(t).join(' '), ref: { kind: 'progress', region, year, quarter } };
    }
    case 'assessment': {
      const label = `${year}年度考核评估`;
      const saved = recordedResult(db, region, year);
      if (!saved) return { ...e, label, display: '本年度尚未评估', value: null };
      const counts = new Map<string, number>();
      for (const r of saved.result.results) counts.set(r.grade, (counts.get(r.grade) ?? 0) + 1);
      const grades = ['优秀', '良好', '一般', '勉励'].map((g) => `${g} ${counts.get(g) ?? 0} 家`).join('、');
      return { ...e, label, value: saved.result.results.length, display: `已评估 ${saved.result.results.length} 家（${saved.result.schemeName}第${saved.result.schemeVersion}版）：${grades}` };
    }
    case 'coverage': {
      const kind = e.id as CoverageKind;
      const c = coverageAt(ctx, kind);
      const item = COVERAGE_KINDS[kind].item;
      const counted = `已覆盖 ${c.covered} 个，同一${item}只计一次，截至 ${c.date}`;
      return { ...e, label: c.label, value: c.rate, display: c.rate === null ? `${NO_DATA}（${c.totalWords}；${counted}）` : `${pct2(c.rate)}（${c.totalWords}；${counted}）` };
    }
  }
}

function withName(e: Omit<LedgerEntry, 'unitName'> | undefined, unit: string, unitName: string): LedgerEntry {
  return { ...(e ?? { unit, status: '未启动' as LedgerStatus, notes: '', updatedBy: null, updatedAt: null, attachments: [] }), unit, unitName };
}

export function ledgerRow(db: DB, m: LedgerMeasure, region: string, source: string, year: number, ctx: Context, towns: { code: string; name: string }[]): LedgerRow {
  const entries = entriesOf(db, m.id, year);
  const tracked = perTown(m);
  // A 镇街's own figure beside its status, where the measure is evidenced by coverage.
  const cov = m.evidence.find((e) => e.kind === 'coverage');
  const byTown = tracked && cov ? new Map(coverageAt(ctx, cov.id as CoverageKind).units.map((u) => [u.unit, u])) : null;
  const townFigure = (code: string): string | undefined => {
    const u = byTown?.get(code);
    if (!u) return undefined;
    return u.total === null ? `覆盖 ${u.covered} 个（未录入总数）` : `覆盖 ${u.covered}/${u.total}（${u.rate === null ? NO_DATA : pct2(u.rate)}）`;
  };
  return {
    id: m.id,
    region,
    source,
    no: m.no,
    label: m.label,
    section: m.section,
    title: m.title,
    text: m.text,
    responsible: m.responsible,
    perTown: tracked,
    year,
    entry: withName(entries.get(''), '', ''),
    towns: tracked
      ? towns.map((t) => {
          const entry = withName(entries.get(t.code), t.code, t.name);
          const figure = townFigure(t.code);
          return figure ? { ...entry, figure } : entry;
        })
      : [],
    evidence: m.evidence.map((e) => evidenceOf(ctx, e)),
  };
}

export function listLedger(db: DB, q: LedgerQuery & { region: string }): LedgerListing {
  if (!Number.isInteger(q.year) || q.year < 2000 || q.year > 2100) fail('E_YEAR', { what: '年度', year: q.year });
  const r = db.prepare('SELECT name FROM regions WHERE code = ?').get(q.region) as { name: string } | undefined;
  if (!r) fail('E_REGION_UNKNOWN', { region: q.region });
  if (q.status !== undefined && !(LEDGER_STATUSES as readonly string[]).includes(q.status)) throw failure('E_LEDGER_STATUS', { status: q.status, known: LEDGER_STATUSES.join('、') });
  const doc = ledgerDocument(q.region);
  const responsibleUnits = [...new Set(doc.measures.flatMap((m) => m.responsible))];
  if (q.responsible && !responsibleUnits.includes(q.responsible)) throw failure('E_LEDGER_RESPONSIBLE', { unit: q.responsible, region: r.name, choices: responsibleUnits.length ? `，可选：${responsibleUnits.join('、')}` : '（该文件未列责任单位）' });
  const quarter = figuresQuarter(db, q.region, q.year, q.quarter);
  const measures = doc.measures.filter((m) => !q.responsible || m.responsible.includes(q.responsible));
  const indicators = [...new Set(measures.flatMap((m) => m.evidence.filter((e) => e.kind === 'indicator').map((e) => e.id)))];
  const at = quarter ? parseQuarterOrFail(quarter) : null;
  const ctx: Context = { db, region: q.region, year: q.year, quarter, data: at && indicators.length ? loadRegionData(db, q.region, at, at, { indicators }) : null, targets: null, coverage: new Map() };
  const towns = db.prepare('SELECT code, name FROM region_units WHERE region = ? ORDER BY sort, code').all(q.region) as { code: string; name: string }[];
  const all = measures.map((m) => ledgerRow(db, m, q.region, doc.source, q.year, ctx, towns));
  const rows = q.status ? all.filter((x) => x.entry.status === q.status) : all;
  const counts = Object.fromEntries(LEDGER_STATUSES.map((s) => [s, all.filter((x) => x.entry.status === s).length])) as Record<LedgerStatus, number>;
  return { region: q.region, regionName: r.name, year: q.year, quarter, source: doc.source, rows, responsibleUnits, counts };
}

/** 截至2025年第三季度末 / 本年度尚无报表. */
export function figuresAsOf(l: LedgerListing): string {
  return l.quarter ? `数据截至${quarterLabel(parseQuarterOrFail(l.quarter))}末` : '本年度尚无报表数据';
}
