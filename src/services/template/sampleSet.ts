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
import { addDays, dayNumber, formatDate, isLate, quarterEndDate, quarterId, quarterRange, type CalendarDate, type Quarter } from '../../domain/quarter';
import { storedDeadline } from '../calendar/deadlines';
import { rngFor } from '../../domain/sample/random';
import { REGION_SAMPLE } from '../../domain/sample/profiles';
import { SAMPLE_MARK, sampleReport, type SampleRegion } from '../../domain/sample/report';
import { FIRST_QUARTER, LAST_QUARTER } from '../db/seed';
import { listRegions } from '../registry/regions';
import { drawRegionTemplate } from './generate';
import { prepareRefill, refill, type RefillTemplate } from './refill';
import type { DrawnTemplate } from './workbook';
import { sampleInstitutions } from './syntheticInstitutions';

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
}

export interface SampleSetResult {
  dir: string;
  manifest: string;
  files: SampleFile[];
  institutions: number;
  quarters: number;
  values: number;
}

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
    fail('E_YEARS_INVALID', `年份范围「${text}」无效，应如 2023-2025（可选 ${FIRST_QUARTER.year}–${LAST_QUARTER.year} 年）。`);
  }
  return { from, to };
}

function wholeNumber(value: number | undefined, fallback: number, name: string, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) fail('E_ARG_INVALID', `参数 --${name} 应为 ${min}–${max} 的整数，收到「${String(value)}」。`);
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
  if (!req.out) fail('E_OUT_MISSING', '请指定输出目录（--out DIR）。');
  const { from, to } = parseYears(req.years ?? DEFAULT_SAMPLE_YEARS);
  const seed = wholeNumber(req.seed, 1, 'seed', 0, 2 ** 31 - 1);
  const scale = wholeNumber(req.scale, 1, 'scale', 1, 100);
  const dir = resolve(req.out);
  mkdirSync(dir, { recursive: true });

  const institutions = sampleInstitutions(db, scale);
  const quarters = quarterRange({ year: from, q: 1 }, { year: to, q: 4 });
  const deadlineOf = (q: Quarter): CalendarDate => storedDeadline(db, quarterId(q)) ?? quarterEndDate(q);
  const planned = plan(seed, institutions, quarters, 2 * scale, deadlineOf);
  const regions = new Map<string, { drawn: DrawnTemplate; refill: RefillTemplate; region: SampleRegion }>();
  for (const r of listRegions(db)) {
    if (!institutions.some((i) => i.region === r.code)) continue;
    const extra = REGION_SAMPLE[r.code] ?? { villages: 100, phonePrefix: '0000' };
    const drawn = drawRegionTemplate(db, r.code, to + 1, SAMPLE_MARK);
    drawn.wb.lastModifiedBy = `${SAMPLE_MARK}生成器`;
    regions.set(r.code, { drawn, refill: await prepareRefill(drawn), region: { code: r.code, name: r.name, units: r.units, ...extra } });
  }

  const files: SampleFile[] = [];
  let values = 0;
  for (const [n, p] of planned.entries()) {
    const target = regions.get(p.inst.region);
    if (!target) continue;
    // Filled in the day before it was sent, but never before the quarter ended.
    const dayBefore = addDays(p.received, -1);
    const fillDate = dayNumber(dayBefore) > dayNumber(quarterEndDate(p.q)) ? dayBefore : p.received;
    const report = sampleReport({
      layout: target.drawn.layout,
      region: target.region,
      institution: p.inst,
      quarter: p.q,
      seed,
      fillDate,
      draft: p.draft,
    });
    const file = sampleFileName(p.inst, p.q, p.resubmission);
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
        templateVersion: regions.values().next().value?.drawn.layout.templateVersion ?? null,
        files: files.map(({ path: _path, ...f }) => f),
      },
      null,
      2,
    )}\n`,
  );
  return { dir, manifest, files, institutions: institutions.length, quarters: quarters.length, values };
}
