/**
 * The report pack for a period: every chart as PNG (print resolution) and SVG,
 * the styled .xlsx tables and a draft Word report, in one folder.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DB } from '../db/database';
import type { PackChart, PackResult } from '../../api/charts-types';
import { fail, failure } from '../../domain/result';
import { dataStamp } from '../db/stamp';
import { nextTurn } from '../eventLoop';
import { parseQuarterOrFail } from '../indicators';
import { parseQuarter, quarterId, quarterLabel } from '../../domain/quarter';
import { freePath, officeName } from '../files/names';
import { resolveRegionCode } from '../registry/regions';
import { buildChart, chartInstances } from './options';
import { renderSvg, resolveSize, svgToPng, type PrintSize } from './render';
import { chartFileStem } from './export';
import { hasReports, regionChains, regionName } from './data';
import { chainInstitutionSheet, chainSummarySheet, countySheet } from './tables';
import { writeOfficeWorkbook } from '../exports/office-table';
import { DRAFT_MAX_ASPECT, writeReportDocx } from './docx';
import { buildReportDocument, type RegionPackContent, type RenderedChart } from './report';
import { assessmentAvailable, assessmentSheets } from './assessment';
import { progressAvailable, progressFor } from './progress';
import { progressParagraphs, progressSheet } from '../progress';
import { pricingParagraphs, pricingSheets, pricingTable } from '../pricing';
import { evaluateTargets, targetsParagraphs, targetsSheet } from '../targets';
import { today as clockToday } from '../../domain/clock';
import { periodLabel } from '../../domain/charts/style';

export interface PackOptions extends PrintSize {
  quarter: string;
  out: string;
  /** One region; every region with reports for the quarter when omitted. */
  region?: string;
  /** 制表日期 (YYYY-MM-DD); today when omitted. */
  date?: string;
  /**
   * `out` is the folder the analyst chose: the pack goes into a new folder inside it
   * named for region and period (安康市_2025年第四季度_报告材料, then （2）…), never
   * into one that exists. Without it (the CLI) the pack fills `out` itself.
   */
  newFolder?: boolean;
}

export interface PackProgress {
  stage: string;
  done: number;
  total: number;
  file?: string;
}

function todayLabel(date?: string): string {
  if (date) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!m) fail('E_DATE', { date });
    return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  }
  const d = clockToday();
  return `${d.y}年${d.m}月${d.d}日`;
}

export async function writePack(db: DB, opts: PackOptions, onProgress?: (p: PackProgress) => void, signal?: AbortSignal): Promise<PackResult> {
  const quarter = quarterId(parseQuarterOrFail(opts.quarter));
  const size = resolveSize(opts);
  let regions: string[];
  if (opts.region) {
    const code = resolveRegionCode(db, opts.region);
    if (!code) fail('E_REGION_UNKNOWN', { region: opts.region });
    if (!hasReports(db, code, quarter)) fail('E_CHART_NO_DATA', { region: regionName(db, code), quarter, what: '生成报告材料' });
    regions = [code];
  } else {
    regions = (db.prepare('SELECT code FROM regions ORDER BY rowid').all() as { code: string }[]).map((r) => r.code).filter((r) => hasReports(db, r, quarter));
    if (regions.length === 0) fail('E_CHART_NO_DATA', { region: '各地区', quarter, what: '生成报告材料' });
  }

  const dateLabel = todayLabel(opts.date);
  const q = parseQuarter(quarter);
  const period = q ? quarterLabel(q) : quarter;
  const place = regions.length === 1 ? regionName(db, regions[0] as string) : '全部地区';
  const dir = opts.newFolder ? freePath(join(resolve(opts.out), officeName(place, period, '报告材料'))) : resolve(opts.out);
  const made = !existsSync(dir);
  mkdirSync(dir, { recursive: true });
  // Drawing yields to the event loop between charts (progress reaches the window, 取消 can
  // arrive), so another call may write meanwhile: the pack is made from one state of the
  // data or not at all.
  const stamp = dataStamp(db);
  const unchanged = (): void => {
    if (dataStamp(db) !== stamp) throw failure('E_PACK_DATA_CHANGED', {});
  };
  // What this call wrote into a folder it did not make, to take back if it stops half way.
  const written: string[] = [];
  const folders: string[] = [join(dir, '图表')].filter((f) => !existsSync(f));
  try {
    const instances = regions.flatMap((r) => chartInstances(db, quarter, r).map((i) => ({ region: r, ...i })));
    const total = instances.length + 2;
    const charts: PackChart[] = [];
    const contents = new Map<string, RenderedChart[]>(regions.map((r) => [r, []]));
    let done = 0;
    for (const inst of instances) {
      await nextTurn();
      signal?.throwIfAborted();
      unchanged();
      const built = buildChart(db, inst.id, inst.params);
      const chartSize = { widthCm: size.widthCm, dpi: size.dpi, aspect: built.aspect };
      const svg = renderSvg(built.option, chartSize);
      const png = svgToPng(svg, resolveSize(chartSize).pixelWidth);
      const folder = join(dir, '图表', regionName(db, inst.region));
      if (!existsSync(folder)) folders.push(folder);
      mkdirSync(folder, { recursive: true });
      const n = (contents.get(inst.region)?.length ?? 0) + 1;
      // The name says what the picture is once it is dragged out of the folder: number, region, period, title.
      const base = join(folder, `${String(n).padStart(2, '0')}_${chartFileStem(db, built)}`);
      writeFileSync(`${base}.svg`, svg);
      written.push(`${base}.svg`);
      writeFileSync(`${base}.png`, png.png);
      written.push(`${base}.png`);
      charts.push({ id: built.id, title: built.title, params: built.params, png: `${base}.png`, svg: `${base}.svg`, width: png.width, height: png.height });
      // The draft prints two charts to a page: a ranked chart taller than half a page is drawn again with the rows that fit there.
      const draft = built.aspect > DRAFT_MAX_ASPECT ? buildChart(db, inst.id, inst.params, { maxAspect: DRAFT_MAX_ASPECT }) : built;
      const draftPng = draft === built ? png.png : svgToPng(renderSvg(draft.option, { ...chartSize, aspect: draft.aspect }), resolveSize(chartSize).pixelWidth).png;
      contents.get(inst.region)?.push({
        id: built.id,
        title: built.title,
        ...(built.params.chain ? { chain: built.params.chain } : {}),
        png: draftPng,
        widthCm: size.widthCm,
        heightCm: size.widthCm * draft.aspect,
      });
      onProgress?.({ stage: '绘制图表', done: ++done, total, file: `${base}.png` });
    }

    await nextTurn();
    signal?.throwIfAborted();
    unchanged();
    const regionContents: RegionPackContent[] = regions.map((r) => {
      const progress = progressAvailable(db, r, quarter) ? progressFor(db, r, quarter) : null;
      const pricing = pricingTable(db, { region: r, quarter });
      const priced = pricing.products.some((p) => p.rows.some((row) => row.spreadBp !== null));
      const targets = evaluateTargets(db, { region: r, quarter });
      return {
        region: r,
        charts: contents.get(r) ?? [],
        chains: regionChains(db, r),
        chainTable: chainSummarySheet(db, r, quarter),
        institutionTable: chainInstitutionSheet(db, r, quarter),
        countyTable: countySheet(db, r, quarter),
        progressTable: progress ? progressSheet(progress) : null,
        progressText: progress ? progressParagraphs(progress) : [],
        pricingTables: priced ? pricingSheets(pricing) : [],
        pricingText: priced ? pricingParagraphs(pricing) : [],
        // Named by region: a pack of both regions has a tracker each in its workbook.
        targetsTable: targets.length > 0 ? { ...targetsSheet(targets), name: `${regionName(db, r)}目标跟踪` } : null,
        targetsText: targetsParagraphs(targets, regionName(db, r), periodLabel(quarter)),
        extraTables: assessmentAvailable(db, r, quarter) ? assessmentSheets(db, r, quarter).slice(0, 1) : [],
      };
    });
    // The workbook also gets the assessment's per-item detail; the Word report keeps to the summary.
    const detailSheets = regions.flatMap((r) => (assessmentAvailable(db, r, quarter) ? assessmentSheets(db, r, quarter).slice(1) : []));
    const tables = freePath(join(dir, `${officeName(place, period, '数据表')}.xlsx`));
    written.push(tables);
    // The two long writes are announced as they start, so the bar names what is being made.
    onProgress?.({ stage: '写入数据表', done, total, file: tables });
    await writeOfficeWorkbook(
      tables,
      [
        ...regionContents.flatMap((c) => [c.chainTable, c.institutionTable, ...(c.countyTable ? [c.countyTable] : []), ...(c.progressTable ? [c.progressTable] : []), ...c.pricingTables, ...(c.targetsTable ? [c.targetsTable] : []), ...c.extraTables]),
        ...detailSheets,
      ],
      { madeOn: dateLabel, title: `金融支持乡村振兴数据表（${quarter}）` },
    );
    done++;

    signal?.throwIfAborted();
    unchanged();
    const report = freePath(join(dir, `${officeName(place, period, '报告初稿')}.docx`));
    written.push(report);
    onProgress?.({ stage: '生成报告', done, total, file: report });
    await writeReportDocx(buildReportDocument(db, quarter, regionContents, dateLabel), report);
    // A 取消 that came while the draft was written still counts: the analyst asked for no pack.
    signal?.throwIfAborted();
    onProgress?.({ stage: '生成报告', done: ++done, total, file: report });
    return { dir, quarter, regions, charts, tables, report };
  } catch (e) {
    // Part of a pack is taken back, so no one takes it for a whole one: the folder this call
    // made, or the files it wrote into the folder it was given (and the chart folders, emptied).
    if (made) rmSync(dir, { recursive: true, force: true });
    else {
      for (const f of written) rmSync(f, { force: true });
      for (const f of folders.reverse()) rmSync(f, { recursive: true, force: true });
    }
    // The analyst's 取消 is answered in the pack's own words: nothing half made was left.
    if (signal?.aborted) throw failure('E_PACK_CANCELLED', {});
    throw e;
  }
}
