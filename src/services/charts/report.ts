/**
 * The draft report's words and structure: an overview with the seed-000
 * headline, a section per chain and per county, the charts and the tables.
 * Every figure in the text is read from the same tables and indicators the
 * pack exports, so the text and the tables never disagree.
 */
import type { DB } from '../db/database';
import type { ReportBlock, ReportDocument } from './document';
import type { OfficeRow, OfficeSheet, OfficeValue } from '../exports/office-table';
import { chooseAmountUnit, formatAmount, formatNumber, formatPercent, formatPoints } from '../../domain/charts/format';
import { periodLabel } from '../../domain/charts/style';
import { evaluateIndicator, loadRegionData, parseQuarterOrFail } from '../indicators';
import { regionName, type ChainRef } from './data';
import { bankSections } from '../texts/report';

export interface RenderedChart {
  id: string;
  title: string;
  chain?: string;
  png: Uint8Array;
  widthCm: number;
  heightCm: number;
}

export interface RegionPackContent {
  region: string;
  charts: RenderedChart[];
  /** The region's chains, in the chain table's row order. */
  chains: ChainRef[];
  chainTable: OfficeSheet;
  institutionTable: OfficeSheet;
  countyTable: OfficeSheet | null;
  /** The 金融兴产强县 进度表, once county targets are entered. */
  progressTable: OfficeSheet | null;
  /** The progress in words, one paragraph per measure, with its rule (see progressParagraphs). */
  progressText: string[];
  /** New lending by tenor against the LPR in force when it was lent (none when no report of the quarter has the figures). */
  pricingTables: OfficeSheet[];
  /** The pricing in words, with its rule (see pricingParagraphs). */
  pricingText: string[];
  /** The policy documents' targets as judged for the quarter (目标跟踪; in the workbook), and in words for the draft (targetsParagraphs). */
  targetsTable: OfficeSheet | null;
  targetsText: string[];
  /** Further sheets for the appendix (e.g. the assessment results). */
  extraTables: OfficeSheet[];
}

const CN_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六'];

function ord(i: number): string {
  return CN_ORDINALS[i] ?? String(i + 1);
}

/** An amount in 万元 as a report sentence writes it: 亿元 from 10亿元 up, else 万元. */
function wan(v: OfficeValue): string {
  if (typeof v !== 'number') return '无数据';
  const unit = chooseAmountUnit([v]);
  return `${formatAmount(v, unit)}${unit}`;
}

function pct(v: OfficeValue): string {
  return typeof v === 'number' ? formatPercent(v, 2) : '无数据';
}

/** Numbers figures and tables through the whole document. */
class Numbering {
  private fig = 0;
  private tab = 0;
  figure(c: RenderedChart): ReportBlock {
    this.fig += 1;
    return { kind: 'figure', caption: `图${this.fig}　${c.title}`, png: c.png, widthCm: c.widthCm, heightCm: c.heightCm };
  }
  table(t: OfficeSheet): ReportBlock {
    this.tab += 1;
    return { kind: 'table', caption: `表${this.tab}　${t.title}`, table: t };
  }
}

function overview(db: DB, region: string, quarter: string): string {
  const q = parseQuarterOrFail(quarter);
  const data = loadRegionData(db, region, q, q);
  const all = data.institutions.map((i) => i.code);
  const ind = (id: string): number | null => evaluateIndicator(data, id, quarter, all, null);
  const agriBal = ind('agri_loans_bal');
  const agriGrowth = ind('agri_loans_growth');
  const totalGrowth = ind('loans_total_growth');
  const npl = ind('agri_npl_ratio');
  const name = regionName(db, region);
  const parts = [`截至${periodLabel(quarter)}末，${name}各金融机构涉农贷款余额${wan(agriBal)}`];
  if (agriGrowth !== null) parts.push(`比年初增长${pct(agriGrowth)}`);
  if (agriGrowth !== null && totalGrowth !== null) {
    const diff = agriGrowth - totalGrowth;
    const gap = formatPoints(Math.abs(diff));
    // Equal as printed ("0.00个百分点") reads as 持平, never as 高于 by nothing.
    if (gap === formatPoints(0)) parts.push(`与各项贷款增速（${pct(totalGrowth)}）持平`);
    else parts.push(`${diff > 0 ? '高于' : '低于'}各项贷款增速（${pct(totalGrowth)}）${gap}`);
  }
  let text = `${parts.join('，')}。`;
  if (npl !== null) text += `涉农贷款不良率${pct(npl)}。`;
  return text;
}

function chainParagraph(r: OfficeRow, quarter: string): string {
  const ent = typeof r['entities'] === 'number' ? `，支持经营主体${formatNumber(r['entities'], 0)}户次` : '';
  const g = typeof r['growth'] === 'number' ? `，比年初增速${pct(r['growth'])}` : '';
  return `截至${periodLabel(quarter)}末，${String(r['chain'])}产业链贷款余额${wan(r['balance'])}，当年累计发放${wan(r['ytd'])}${ent}，占涉农贷款比重${pct(r['share'])}${g}。`;
}

function countyParagraph(r: OfficeRow): string {
  const g = typeof r['growth'] === 'number' ? `，比年初增速${pct(r['growth'])}` : '';
  // 汉滨区 (the central district) has no county class: no empty 「（，」.
  const facts = [String(r['class'] ?? ''), `首位产业：${String(r['lead'])}`].filter((t) => t !== '').join('，');
  return `${String(r['county'])}（${facts}）：涉农贷款余额${wan(r['agri'])}，首位产业贷款余额${wan(r['leadBal'])}，当年累计发放${wan(r['leadYtd'])}${g}。`;
}

/** 「图4、图5」: the numbers of these figures, as the text cites them. */
function figureLabels(figs: readonly ReportBlock[]): string {
  return figs.flatMap((f) => (f.kind === 'figure' ? [f.caption.split('　')[0] ?? ''] : [])).join('、');
}

/**
 * A paragraph citing the figures that follow it (「……（见图6、图7）。」): the draft's layout may set
 * a figure after the next paragraph to fill a page, and the citation keeps text and figure together.
 */
function citing(text: string, figs: readonly ReportBlock[]): ReportBlock {
  const labels = figureLabels(figs);
  if (labels === '') return { kind: 'paragraph', text };
  const ref = `（见${labels}）`;
  return { kind: 'paragraph', text: text.endsWith('。') ? `${text.slice(0, -1)}${ref}。` : `${text}${ref}` };
}

/** Body rows, without the bold total row. */
function bodyRows(t: OfficeSheet): OfficeRow[] {
  return t.rows.filter((r) => r._bold !== true);
}

function regionBlocks(db: DB, content: RegionPackContent, quarter: string, n: Numbering, multiRegion: boolean): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  const chartsOf = (id: string, chain?: string): RenderedChart[] => content.charts.filter((c) => c.id === id && c.chain === chain);
  const figures = (id: string, chain?: string): ReportBlock[] => chartsOf(id, chain).map((c) => n.figure(c));
  const name = regionName(db, content.region);
  let section = 0;
  const h1 = (text: string): ReportBlock => ({ kind: 'heading1', text: `${ord(section++)}、${multiRegion ? `${name}` : ''}${text}` });

  blocks.push(h1('涉农贷款总体情况'));
  const loans = [...figures('loans.growth'), ...figures('loans.growthByInstitution'), ...figures('loans.npl')];
  blocks.push(citing(overview(db, content.region, quarter), loans), ...loans);

  blocks.push(h1('重点产业链贷款情况'));
  const compare = [...figures('chains.compare'), ...figures('chains.trend')];
  blocks.push({ kind: 'paragraph', text: `${name}重点产业链共${content.chains.length}条。各产业链贷款余额、当年累放及占比见表，${compare.length > 0 ? `对比及分季度走势见${figureLabels(compare)}` : '分季度走势见图'}。` });
  blocks.push(...compare);
  bodyRows(content.chainTable).forEach((row, i) => {
    const chainCode = content.chains[i]?.code;
    blocks.push({ kind: 'heading2', text: `（${ord(i)}）${String(row['chain'])}` });
    const figs = chainCode ? [...figures('chain.quarterly', chainCode), ...figures('chain.institutions', chainCode)] : [];
    blocks.push(citing(chainParagraph(row, quarter), figs), ...figs);
  });
  blocks.push(n.table(content.chainTable), n.table(content.institutionTable));

  if (content.countyTable) {
    blocks.push(h1('「金融兴产强县」分县情况'));
    blocks.push(...figures('county.progress'));
    bodyRows(content.countyTable).forEach((row, i) => {
      blocks.push({ kind: 'heading2', text: `（${ord(i)}）${String(row['county'])}` });
      blocks.push({ kind: 'paragraph', text: countyParagraph(row) });
    });
    blocks.push(n.table(content.countyTable));
    for (const text of content.progressText) blocks.push({ kind: 'paragraph', text });
    if (content.progressTable) blocks.push(n.table(content.progressTable));
  }
  if (content.pricingTables.length > 0) {
    blocks.push(h1('贷款定价与LPR对照情况'));
    for (const text of content.pricingText) blocks.push({ kind: 'paragraph', text });
    blocks.push(...content.pricingTables.map((t) => n.table(t)));
  }
  if (content.targetsTable) {
    // In words only: the tracker's cells are long clauses and figures, a landscape sheet; it is in the workbook.
    blocks.push(h1('政策目标完成情况'));
    for (const text of content.targetsText) blocks.push({ kind: 'paragraph', text });
    blocks.push({ kind: 'paragraph', text: `逐项目标原文、考核标准和数据情况见报告数据表「${content.targetsTable.name}」。` });
  }
  // 分机构情况 and the banks' own words (存在的问题, 政策建议, 典型案例): services/texts/report.ts.
  for (const sec of bankSections(db, content.region, name, quarter)) blocks.push(h1(sec.title), ...sec.blocks);
  const assessment = [...figures('assessment.scores'), ...figures('assessment.grades')];
  if (assessment.length > 0 || content.extraTables.length > 0) {
    blocks.push(h1('考核评估情况'));
    blocks.push(...assessment, ...content.extraTables.map((t) => n.table(t)));
  }
  return blocks;
}

export function buildReportDocument(db: DB, quarter: string, regions: RegionPackContent[], date: string): ReportDocument {
  const n = new Numbering();
  const multi = regions.length > 1;
  const names = regions.map((r) => regionName(db, r.region));
  const supervisors = regions.map((r) => (db.prepare('SELECT supervisor FROM regions WHERE code = ?').get(r.region) as { supervisor: string }).supervisor);
  const blocks: ReportBlock[] = [
    {
      kind: 'paragraph',
      text: `本报告根据各金融机构报送的${periodLabel(quarter)}金融支持乡村振兴工作情况季度数据生成。文中金额10亿元以上以亿元表示，表中金额单位为万元，图中单位见坐标轴，增速为比年初增速，按可比口径计算。数据来源：各金融机构季度报送。`,
    },
  ];
  for (const r of regions) {
    if (multi) blocks.push({ kind: 'heading1', text: regionName(db, r.region) });
    blocks.push(...regionBlocks(db, r, quarter, n, false));
  }
  return {
    title: `${names.join('、')}金融支持乡村振兴情况报告`,
    subtitle: `（${periodLabel(quarter)}）`,
    blocks,
    issuers: supervisors,
    date,
  };
}
