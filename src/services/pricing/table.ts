/**
 * The LPR pricing table of a region at a quarter: each bank's new lending per product and
 * tenor (resources/lpr/pricing.json) judged against the LPR in force when it was lent
 * (resources/lpr/lpr.json), read from the current reports on every call.
 */
import type { DB } from '../db/database';
import type { LprListing, PricingProduct, PricingRow, PricingStretchView, PricingTable, PricingTotal } from '../../api/pricing-types';
import { fail } from '../../domain/result';
import { LPR_TENOR_LABEL, lprCoveredUntil, scaledLpr, type LprTable, type LprTenor } from '../../domain/lpr';
import { judgePricing, PRICING_STATUS_WORD, type IssuancePoint, type PricingJudgement } from '../../domain/pricing/judge';
import { formatDate, quarterEndDate, quarterId, quarterLabel, type Quarter } from '../../domain/quarter';
import { formatPercent } from '../../domain/indicators/format';
import { parseQuarterOrFail, regionInstitutions } from '../indicators';
import { readResourceJson } from '../resources';
import { loadLpr, lprMissingWords, nextLprMonth } from '../targets/lpr';

interface TenorDef {
  id: string;
  label: string;
  amount: string;
  rate: string;
  lpr: LprTenor;
}

export interface PricingProductDef {
  id: string;
  label: string;
  rule: 'atOrBelow' | null;
  /** The benchmark is this share of the LPR (0.5: 贴息率 against half the LPR); 1 when absent. */
  multiple?: number;
  /** What the reported rate is called (利率, 贴息率); 利率 when absent. */
  rateWord?: string;
  /** The regions whose policy sets the rule (璧山（八）); every region when absent. */
  regions?: string[];
  ruleWords: string;
  source: string;
  tenors: TenorDef[];
}

interface PricingCatalogue {
  note: string;
  tolerance: number;
  toleranceWords: string;
  products: PricingProductDef[];
}

export function pricingCatalogue(): PricingCatalogue {
  return readResourceJson<PricingCatalogue>('lpr', 'pricing.json');
}

const SCALE = 1_000_000;

interface StoredReport {
  quarter: string;
  version: string;
  /** field key → value (万元 / fraction), only the fields the pricing reads. */
  values: Map<string, number>;
}

/** The current reports of the year up to the quarter, per institution, with the pricing fields. */
function yearReports(db: DB, region: string, q: Quarter, fields: readonly string[]): Map<string, StoredReport[]> {
  const subs = db
    .prepare(
      `SELECT s.id, s.institution, s.quarter, s.template_version AS version FROM submissions s JOIN institutions i ON i.code = s.institution
       WHERE s.status = 'current' AND i.region = ? AND s.quarter BETWEEN ? AND ? ORDER BY s.quarter`,
    )
    .all(region, `${q.year}Q1`, quarterId(q)) as { id: number; institution: string; quarter: string; version: string }[];
  const values = db.prepare(`SELECT field_key AS k, num FROM submission_values WHERE submission_id = ? AND member = '' AND num IS NOT NULL AND field_key IN (${fields.map(() => '?').join(', ')})`);
  const out = new Map<string, StoredReport[]>();
  for (const s of subs) {
    const vals = new Map((values.all(s.id, ...fields) as { k: string; num: number }[]).map((r) => [r.k, r.num / SCALE]));
    const list = out.get(s.institution) ?? [];
    list.push({ quarter: s.quarter, version: s.version, values: vals });
    out.set(s.institution, list);
  }
  return out;
}

/** Which form versions carry a field (an old form has no 当年新发放 by tenor: 无数据, not 0). */
function versionsWith(db: DB, key: string): Set<string> {
  return new Set((db.prepare('SELECT template_version AS v FROM fields WHERE key = ?').all(key) as { v: string }[]).map((r) => r.v));
}

const pct = (x: number): string => formatPercent(x, 2);
const md = (iso: string): string => iso.slice(5);

/** The benchmark a product's rate is held to, in words: LPR, or LPR的50%. */
export function benchmarkWord(p: Pick<PricingProductDef, 'multiple'>): string {
  const m = p.multiple ?? 1;
  return m === 1 ? 'LPR' : `LPR的${formatPercent(m, 0)}`;
}

/** A judgement's word with the product's benchmark (不高于LPR的50%). */
function statusWordOf(p: PricingProductDef, status: PricingJudgement['status']): string {
  if (p.rule === null && ['compliant', 'above', 'uncertain'].includes(status)) return '监测';
  const word = PRICING_STATUS_WORD[status];
  return status === 'compliant' || status === 'above' ? word.replace('LPR', benchmarkWord(p)) : word;
}

function stretchWords(j: PricingJudgement, multiple: number): PricingStretchView[] {
  // Half of a 5BP-step LPR can end in 0.5BP (1.475%): shown to three decimals, not rounded away.
  const fixing = (rate: number): string => (multiple === 1 ? pct(rate) : `${formatPercent(rate, 3)}（${formatPercent(multiple, 0)} × ${pct(rate / multiple)}）`);
  return j.stretches.map((s) => ({
    from: s.from,
    to: s.to,
    amount: s.amount,
    lprWords: s.spans.map((p) => `${fixing(p.rate)}（${p.published} 公布${s.spans.length > 1 ? `，${md(p.from)} 至 ${md(p.to)}` : ''}）`).join('；'),
  }));
}

export interface BankPricing {
  institution: string;
  tenor: TenorDef;
  judgement: PricingJudgement;
  note: string | null;
}

/** One product's judgement for every bank with a report at the quarter (a bank not reporting is left out). */
export function bankPricing(db: DB, region: string, quarter: string, product: PricingProductDef, lpr: LprTable = loadLpr(db), tolerance = pricingCatalogue().tolerance): BankPricing[] {
  const q = parseQuarterOrFail(quarter);
  const fields = product.tenors.flatMap((t) => [t.amount, t.rate]);
  const reports = yearReports(db, region, q, fields);
  const benchmark = scaledLpr(lpr, product.multiple ?? 1);
  const out: BankPricing[] = [];
  for (const inst of regionInstitutions(db, region)) {
    const list = reports.get(inst.code) ?? [];
    const now = list.find((r) => r.quarter === quarter);
    if (!now) continue;
    for (const tenor of product.tenors) {
      const carrying = versionsWith(db, tenor.amount);
      if (!carrying.has(now.version)) {
        out.push({ institution: inst.code, tenor, judgement: judgePricing(benchmark, tenor.lpr, `${q.year}-01-01`, [], null, tolerance), note: `${quarterLabel(q)}报表为旧版（${now.version}），无当年新发放${product.label}分期限数据，无法判断` });
        continue;
      }
      const points: IssuancePoint[] = list
        .filter((r) => carrying.has(r.version) && r.values.has(tenor.amount))
        .map((r) => ({ end: formatDate(quarterEndDate(parseQuarterOrFail(r.quarter))), amount: r.values.get(tenor.amount) as number }));
      const own = now.values.has(tenor.amount);
      const judgement = judgePricing(benchmark, tenor.lpr, `${q.year}-01-01`, own ? points : [], now.values.get(tenor.rate) ?? null, tolerance);
      out.push({ institution: inst.code, tenor, judgement, note: !own ? '当年新发放额未填报' : judgement.status === 'noLpr' ? lprMissingWords(lpr) : null });
    }
  }
  return out;
}

function totalOf(tenor: TenorDef, rows: BankPricing[]): PricingTotal {
  const mine = rows.filter((r) => r.tenor.id === tenor.id);
  const priced = mine.filter((r) => r.judgement.benchmark !== null && r.judgement.rate !== null && r.judgement.amount !== null);
  const amount = priced.reduce((a, r) => a + (r.judgement.amount as number), 0);
  const weighted = (k: 'rate' | 'benchmark'): number | null => (amount > 0 ? priced.reduce((a, r) => a + (r.judgement.amount as number) * (r.judgement[k] as number), 0) / amount : null);
  const rate = weighted('rate');
  const benchmark = weighted('benchmark');
  const count = (s: string): number => mine.filter((r) => r.judgement.status === s).length;
  return {
    tenor: tenor.id,
    tenorLabel: tenor.label,
    lprLabel: LPR_TENOR_LABEL[tenor.lpr],
    banks: priced.length,
    amount: priced.length ? amount : null,
    rate,
    benchmark,
    spreadBp: rate !== null && benchmark !== null ? Math.round((rate - benchmark) * 100000) / 10 : null,
    compliant: count('compliant'),
    above: count('above'),
    uncertain: count('uncertain'),
  };
}

export function pricingDefinition(lpr: LprTable): string[] {
  const cat = pricingCatalogue();
  const until = lprCoveredUntil(lpr);
  return [
    '按发放时的同期相应年限LPR比较：期限1年（含）以内的贷款对1年期LPR，1年以上至3年（含）的对5年期以上LPR；每笔贷款适用其发放日已公布的最近一期LPR。',
    '报表给出本年1月1日至报告期末的当年新发放额和加权平均利率；同一机构本年各季报表的发放额之差即各季的新发放额，各季内按LPR适用天数加权，再按各季发放额加权得到「发放时LPR」；加点 = 加权平均利率 − 发放时LPR（1BP = 0.01个百分点）。',
    '季内LPR有调整时，季度数据无法区分调整前后发放的贷款：利率不高于按各季最低LPR计的下限为「不高于LPR」，高于按最高LPR计的上限为「高于LPR」，介于两者之间为「需核实」（请核对该机构的贷款明细）。',
    ...cat.products.filter((p) => (p.multiple ?? 1) !== 1).map((p) => `${p.label}：${p.ruleWords}；基准为发放时LPR × ${formatPercent(p.multiple ?? 1, 0)}，加点 = ${p.rateWord ?? '利率'} − 该基准。`),
    `${cat.toleranceWords}。旧版报表（RV-2025.1；农业产业项目贴息贷款为 RV-2026.1 及以前）没有分期限的当年新发放数据，显示无数据，不按0计。`,
    `LPR取自中国人民银行授权全国银行间同业拆借中心逐月公布的报价（程序内置报价表及分析人员录入的月份，每期注明出处；见「机构与设置 → LPR报价」），表中最后一期为 ${lpr.months.at(-1)?.date ?? '—'} 公布，适用至 ${until ?? '—'}；此后发放的贷款显示「LPR未录入」，不按最后一期的报价判断。新的报价公布后，在「机构与设置 → LPR报价」逐月录入（注明出处）。`,
  ];
}

export function pricingTable(db: DB, opts: { region: string; quarter: string }): PricingTable {
  const q = parseQuarterOrFail(opts.quarter);
  const region = db.prepare('SELECT code, name FROM regions WHERE code = ?').get(opts.region) as { code: string; name: string } | undefined;
  if (!region) fail('E_REGION_UNKNOWN', { region: opts.region });
  const lpr = loadLpr(db);
  const cat = pricingCatalogue();
  const names = new Map(regionInstitutions(db, region.code).map((i) => [i.code, i.name]));
  const products: PricingProduct[] = cat.products.filter((p) => !p.regions || p.regions.includes(region.code)).map((p) => {
    const banks = bankPricing(db, region.code, quarterId(q), p, lpr, cat.tolerance);
    const rows: PricingRow[] = banks.map((b) => ({
      institution: b.institution,
      name: names.get(b.institution) ?? b.institution,
      tenor: b.tenor.id,
      tenorLabel: b.tenor.label,
      lprLabel: LPR_TENOR_LABEL[b.tenor.lpr],
      rateField: b.tenor.rate,
      amount: b.judgement.amount,
      rate: b.judgement.rate,
      benchmark: b.judgement.benchmark,
      low: b.judgement.low,
      high: b.judgement.high,
      spreadBp: b.judgement.spreadBp,
      status: b.judgement.status,
      statusWord: statusWordOf(p, b.judgement.status),
      stretches: stretchWords(b.judgement, p.multiple ?? 1),
      note: b.note,
    }));
    return {
      id: p.id,
      label: p.label,
      judged: p.rule !== null,
      ruleWords: p.ruleWords,
      source: p.source,
      rateWord: p.rateWord ?? '利率',
      benchmarkWord: benchmarkWord(p),
      rows,
      totals: p.tenors.map((t) => totalOf(t, banks)),
    };
  });
  return {
    region: region.code,
    regionName: region.name,
    quarter: quarterId(q),
    quarterLabel: quarterLabel(q),
    lprLastPublished: lpr.months.at(-1)?.date ?? null,
    lprCoveredUntil: lprCoveredUntil(lpr),
    lprMissing: (lprCoveredUntil(lpr) ?? '') < formatDate(quarterEndDate(q)) ? lprMissingWords(lpr) : null,
    products,
    definition: pricingDefinition(lpr),
  };
}

export function lprListing(db: DB): LprListing {
  const t = loadLpr(db);
  return {
    title: t.title,
    publisher: t.publisher,
    note: t.note,
    checked: t.checked,
    unconfirmed: t.unconfirmed,
    coveredUntil: lprCoveredUntil(t),
    next: nextLprMonth(t),
    missing: lprMissingWords(t),
    months: t.months,
    sources: t.sources,
  };
}
