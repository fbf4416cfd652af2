/**
 * `sample`: a reproducible set of filled quarterly reports for both regions,
 * marked 示例数据, with a manifest of when each file "arrived" (most on time,
 * some late, a couple of corrected resubmissions). The styled form is drawn
 * once per region and refilled for every file, which keeps writing fast.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DB } from '../db/database';
import type { Progress } from '../../api/types';
import type { Institution } from '../../domain/catalogue/types';
import { fail } from '../../domain/result';
import { addDays, addQuarters, dayNumber, formatDate, isLate, quarterEndDate, quarterId, quarterRange, type CalendarDate, type Quarter } from '../../domain/quarter';
import { storedDeadline } from '../calendar/deadlines';
import { rngFor } from '../../domain/sample/random';
import { REGION_SAMPLE } from '../../domain/sample/profiles';
import { SAMPLE_MARK, restatedBases, sampleReport, type SampleRegion } from '../../domain/sample/report';
import type { FileAck } from '../../api/types';
import type { FormValue, TemplateLayout } from '../../domain/catalogue/layout';
import type { CompiledRuleSet } from '../../domain/rules/types';
import { issueKey } from '../../domain/import/issueKey';
import { layoutFor } from '../catalogue/fields';
import { CURRENT_TEMPLATE_VERSION } from '../catalogue/load';
import { ruleSetFor } from '../catalogue/rules';
import { FIRST_QUARTER, LAST_QUARTER } from '../db/seed';
import { listRegions } from '../registry/regions';
import { drawRegionTemplate } from './generate';
import { prepareRefill, refill, type RefillTemplate } from './refill';
import type { DrawnTemplate } from './workbook';
import { sampleInstitutions } from './syntheticInstitutions';
import { nextTurn } from '../eventLoop';

export interface SampleSetRequest {
  out: string;
  /** "2023-2025" or "2025"; default the five years 2021–2025. */
  years?: string;
  seed?: number;
  scale?: number;
}

export interface SampleFile {
  /** File name inside the output folder. */
  file: string;
  path: string;
  institution: string;
  institutionName: string;
  region: string;
  quarter: string;
  /** The date the analyst "received" the file (YYYY-MM-DD). */
  receivedDate: string;
  late: boolean;
  /** A corrected second file for the same institution and quarter. */
  resubmission: boolean;
  /** The form the bank filled: RV-2025.1 up to 2024 (and for a few late adopters in early 2025), then RV-2026.1, and RV-2026.2 from 2025Q4. */
  templateVersion: string;
}

export interface SampleSetResult {
  dir: string;
  manifest: string;
  files: SampleFile[];
  /**
   * The sample analyst's 说明 for the 提示 the set raises on purpose (a restated 上年同期数
   * after the 2024 城乡划分 change), by file name and issueKey, as `import.files` takes them.
   */
  acks: Record<string, FileAck>;
  institutions: number;
  quarters: number;
  values: number;
}

/**
 * Which form a bank filled for a quarter. RV-2026.1 is issued for the 2025 reports; a 城商行
 * and the 村镇银行 still send last year's form for 2025Q1, the 村镇银行 also for 2025Q2
 * (banks keep old forms for months), so both forms arrive side by side. The 2025Q4 reports
 * come on RV-2026.2 (the 贴息贷款 rows), so the year's subsidy figures exist for Q4 only.
 */
export function sampleFormFor(inst: Pick<Institution, 'type'>, q: Quarter): string {
  if (q.year < 2025) return 'RV-2025.1';
  if (q.year === 2025 && q.q === 1 && (inst.type === '城商行' || inst.type === '村镇银行')) return 'RV-2025.1';
  if (q.year === 2025 && q.q === 2 && inst.type === '村镇银行') return 'RV-2025.1';
  if (q.year === 2025 && q.q < 4) return 'RV-2026.1';
  return CURRENT_TEMPLATE_VERSION;
}

const RESTATED_NOTE = `（${SAMPLE_MARK}）2024年四季度起执行新的城乡划分（县城城区和开发区划入城市区域），上年同期数已按新口径重述，同比增速按重述后的基数计算。`;

/** Arrival dates by file path, as `import.files` takes them (receivedDates). */
export function receivedDatesOf(files: readonly SampleFile[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f.path, f.receivedDate]));
}

export const DEFAULT_SAMPLE_YEARS = '2021-2025';
/** Share of reports that arrive after the deadline (quarter end + 5 days, moved past days off). */
const LATE_SHARE = 0.08;

export function parseYears(text: string): { from: number; to: number } {
  const m = /^\s*(\d{4})\s*(?:[-–~至]\s*(\d{4}))?\s*$/u.exec(text.normalize('NFKC'));
  const from = Number(m?.[1]);
  const to = Number(m?.[2] ?? m?.[1]);
  if (!m || from > to || from < FIRST_QUARTER.year || to > LAST_QUARTER.year) {
    fail('E_YEARS_INVALID', { years: text, first: FIRST_QUARTER.year, last: LAST_QUARTER.year });
  }
  return { from, to };
}

function wholeNumber(value: number | undefined, fallback: number, name: string, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) fail('E_ARG_INVALID', { name, min, max, value: String(value) });
  return v;
}

/** 示例数据_2025Q3_AK-ABC_中国农业银行安康分行.xlsx (and …_更正.xlsx for a resubmission). */
export function sampleFileName(inst: Pick<Institution, 'code' | 'name'>, q: Quarter, resubmission: boolean): string {
  return `${SAMPLE_MARK}_${quarterId(q)}_${inst.code}_${inst.name}${resubmission ? '_更正' : ''}.xlsx`;
}

function receivedDate(seed: number, code: string, q: Quarter, deadline: CalendarDate): CalendarDate {
  const r = rngFor(seed, 'received', code, quarterId(q));
  if (r.next() < LATE_SHARE) return addDays(deadline, r.int(1, 12));
  return addDays(quarterEndDate(q), r.int(1, 5));
}

/** Workbook timestamps fixed by the report's own dates (09:30 Beijing time), so reruns write the same files. */
function stamp(d: CalendarDate): Date {
  return new Date(Date.UTC(d.y, d.m - 1, d.d, 1, 30));
}

interface PlannedFile {
  inst: Institution;
  q: Quarter;
  received: CalendarDate;
  resubmission: boolean;
  /** A first file whose 农户贷款 is under-reported; its resubmission corrects it. */
  draft: boolean;
}

function plan(seed: number, institutions: Institution[], quarters: Quarter[], resubmissions: number, deadlineOf: (q: Quarter) => CalendarDate): PlannedFile[] {
  const pairs = quarters.flatMap((q) => institutions.map((inst) => ({ inst, q })));
  const corrected = new Set(rngFor(seed, 'resubmissions').sample(pairs.map((_p, i) => i), resubmissions));
  const out: PlannedFile[] = [];
  pairs.forEach(({ inst, q }, i) => {
    const received = receivedDate(seed, inst.code, q, deadlineOf(q));
    const resubmitted = corrected.has(i);
    out.push({ inst, q, received, resubmission: false, draft: resubmitted });
    if (resubmitted) out.push({ inst, q, received: addDays(received, rngFor(seed, 'resubmitted', inst.code, quarterId(q)).int(2, 6)), resubmission: true, draft: false });
  });
  return out;
}

export async function generateSampleSet(db: DB, req: SampleSetRequest, onProgress?: (p: Progress) => void): Promise<SampleSetResult> {
  if (!req.out) fail('E_OUT_DIR_MISSING', {});
  const { from, to } = parseYears(req.years ?? DEFAULT_SAMPLE_YEARS);
  const seed = wholeNumber(req.seed, 1, 'seed', 0, 2 ** 31 - 1);
  const scale = wholeNumber(req.scale, 1, 'scale', 1, 100);
  const dir = resolve(req.out);
  mkdirSync(dir, { recursive: true });

  const institutions = sampleInstitutions(db, scale);
  const quarters = quarterRange({ year: from, q: 1 }, { year: to, q: 4 });
  const deadlineOf = (q: Quarter): CalendarDate => storedDeadline(db, quarterId(q)) ?? quarterEndDate(q);
  const planned = plan(seed, institutions, quarters, 2 * scale, deadlineOf);
  const versions = [...new Set(planned.map((p) => sampleFormFor(p.inst, p.q)))];
  // One drawn form per region and version; each report refills it.
  const forms = new Map<string, { drawn: DrawnTemplate; refill: RefillTemplate }>();
  const regions = new Map<string, SampleRegion>();
  for (const r of listRegions(db)) {
    if (!institutions.some((i) => i.region === r.code)) continue;
    const extra = REGION_SAMPLE[r.code] ?? { villages: 100, phonePrefix: '0000' };
    regions.set(r.code, { code: r.code, name: r.name, units: r.units, ...extra });
    for (const v of versions) {
      const drawn = drawRegionTemplate(db, r.code, to + 1, SAMPLE_MARK, undefined, v);
      drawn.wb.lastModifiedBy = `${SAMPLE_MARK}生成器`;
      forms.set(`${r.code}|${v}`, { drawn, refill: await prepareRefill(drawn) });
    }
  }
  const layouts = new Map<string, TemplateLayout>();
  const layoutOf = (region: string, version: string): TemplateLayout => {
    const key = `${region}|${version}`;
    let l = forms.get(key)?.drawn.layout ?? layouts.get(key);
    if (!l) layouts.set(key, (l = layoutFor(db, region, version)));
    return l;
  };

  // What each bank reported (its corrected file) by quarter, for the next reports' 年初数 and
  // 上年同期数; quarters before the set are computed the same way. Only the last five are kept.
  const reported = new Map<string, Map<string, FormValue>>();
  const reportedOf = (inst: Institution, region: SampleRegion, q: Quarter): ReadonlyMap<string, FormValue> => {
    const key = `${inst.code}|${quarterId(q)}`;
    let v = reported.get(key);
    if (!v) {
      const layout = layoutOf(inst.region, sampleFormFor(inst, q));
      v = sampleReport({ layout, region, institution: inst, quarter: q, seed, fillDate: quarterEndDate(q) });
      reported.set(key, v);
    }
    return v;
  };
  const rules = new Map(versions.map((v) => [v, ruleSetFor(db, v)]));

  const files: SampleFile[] = [];
  const acks: Record<string, FileAck> = {};
  let values = 0;
  let lastQuarter = '';
  for (const [n, p] of planned.entries()) {
    // Its progress reaches the window file by file (see nextTurn).
    await nextTurn();
    const region = regions.get(p.inst.region);
    const version = sampleFormFor(p.inst, p.q);
    const target = forms.get(`${p.inst.region}|${version}`);
    if (!target || !region) continue;
    if (quarterId(p.q) !== lastQuarter) {
      lastQuarter = quarterId(p.q);
      const oldest = quarterId(addQuarters(p.q, -5));
      for (const k of reported.keys()) if ((k.split('|')[1] ?? '') < oldest) reported.delete(k);
    }
    // Filled in the day before it was sent, but never before the quarter ended.
    const dayBefore = addDays(p.received, -1);
    const fillDate = dayNumber(dayBefore) > dayNumber(quarterEndDate(p.q)) ? dayBefore : p.received;
    const report = sampleReport({
      layout: target.drawn.layout,
      region,
      institution: p.inst,
      quarter: p.q,
      seed,
      fillDate,
      draft: p.draft,
      reported: (q) => reportedOf(p.inst, region, q),
    });
    if (!p.draft) reported.set(`${p.inst.code}|${quarterId(p.q)}`, report);
    const file = sampleFileName(p.inst, p.q, p.resubmission);
    const explained = explanations(rules.get(version), target.drawn.layout, restatedBases(seed, p.inst, p.q));
    if (Object.keys(explained).length > 0) acks[file] = explained;
    const path = join(dir, file);
    writeFileSync(path, refill(target.refill, report, { when: stamp(fillDate), subject: `${p.inst.name} ${quarterId(p.q)}（${SAMPLE_MARK}）` }));
    values += report.size;
    files.push({
      file,
      path,
      institution: p.inst.code,
      institutionName: p.inst.name,
      region: p.inst.region,
      quarter: quarterId(p.q),
      receivedDate: formatDate(p.received),
      late: isLate(p.received, deadlineOf(p.q)),
      resubmission: p.resubmission,
      templateVersion: version,
    });
    onProgress?.({ stage: '生成示例报表', done: n + 1, total: planned.length, file });
  }

  const manifest = join(dir, 'manifest.json');
  writeFileSync(
    manifest,
    `${JSON.stringify(
      {
        note: `${SAMPLE_MARK}：由本程序按固定随机种子生成的模拟季度报表，仅供演示和测试，不代表任何机构的真实经营数据。`,
        seed,
        years: `${from}-${to}`,
        scale,
        templateVersions: versions,
        files: files.map(({ path: _path, ...f }) => f),
        acks,
      },
      null,
      2,
    )}\n`,
  );
  return { dir, manifest, files, acks, institutions: institutions.length, quarters: quarters.length, values };
}

/** The sample analyst's 说明 for each 提示 on a restated base column, keyed as the import matches them. */
function explanations(rules: CompiledRuleSet | undefined, layout: TemplateLayout, restated: readonly string[]): FileAck {
  const out: FileAck = {};
  if (!rules) return out;
  for (const key of restated) {
    const input = layout.inputs.find((i) => i.key === key && i.member === null);
    const rule = rules.rules.find((r) => r.def.level === '提示' && r.kind === '跨期' && r.at.key === key);
    if (input && rule) out[issueKey({ code: rule.code, rule: rule.def.id, sheet: input.sheet, cell: input.cell })] = RESTATED_NOTE;
  }
  return out;
}
