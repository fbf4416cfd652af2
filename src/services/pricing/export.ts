/** The pricing table as an office prints it (one sheet per loan product) and in a report's words. */
import type { PricingProduct, PricingTable } from '../../api/pricing-types';
import { writeOfficeWorkbook, type OfficeRow, type OfficeSheet } from '../exports/office-table';

const pct = (x: number | null): string => (x === null ? '无数据' : `${(x * 100).toFixed(2)}%`);
const bpText = (x: number | null): string => (x === null ? '无数据' : `${x > 0 ? '+' : ''}${x.toFixed(1)}BP`);

function productSheet(t: PricingTable, p: PricingProduct): OfficeSheet {
  const rows: OfficeRow[] = p.rows.map((r) => ({
    name: r.name,
    tenor: `${r.tenorLabel}（对${r.lprLabel}）`,
    amount: r.amount,
    rate: r.rate,
    benchmark: r.benchmark,
    range: r.low !== null && r.high !== null && r.low !== r.high ? `${pct(r.low)}～${pct(r.high)}` : '',
    spread: r.spreadBp,
    status: r.note ?? r.statusWord,
    _highlight: p.judged && r.status === 'above',
  }));
  for (const tot of p.totals) {
    rows.push({
      name: `合计（${tot.banks} 家）`,
      tenor: `${tot.tenorLabel}（对${tot.lprLabel}）`,
      amount: tot.amount,
      rate: tot.rate,
      benchmark: tot.benchmark,
      range: '',
      spread: tot.spreadBp,
      status: p.judged ? `高于${p.benchmarkWord} ${tot.above} 家，需核实 ${tot.uncertain} 家` : '监测',
      _bold: true,
    });
  }
  return {
    // Named by region: a pack of both regions holds both regions' sheets (Excel allows 31 characters).
    name: `${t.regionName}${p.label}`.slice(0, 31),
    title: `${t.regionName}当年新发放${p.label}${p.rateWord}与发放时${p.benchmarkWord}对照表`,
    period: `报告期：${t.quarterLabel}末（本年1月1日至报告期末新发放）`,
    unit: '单位：万元、%、BP',
    landscape: true,
    columns: [
      { key: 'name', header: '机构', width: 26 },
      { key: 'tenor', header: '期限', width: 24, align: 'center' },
      { key: 'amount', header: '当年新发放额', width: 14, format: 'amount' },
      { key: 'rate', header: `加权平均${p.rateWord}`, width: 12, format: 'percent', decimals: 2 },
      { key: 'benchmark', header: `发放时${p.benchmarkWord}（加权）`, width: 14, format: 'percent', decimals: 2 },
      { key: 'range', header: '季内LPR调整区间', width: 16, align: 'center' },
      { key: 'spread', header: '加点（BP）', width: 10, format: 'amount', decimals: 1 },
      { key: 'status', header: p.judged ? '判断' : '说明', width: 22, align: 'center' },
    ],
    rows,
    notes: [`要求：${p.ruleWords}。依据：${p.source}。`, `说明：${t.definition.join('')}`],
    source: `各金融机构报送的${t.quarterLabel}金融支持乡村振兴报表（当年新发放分期限金额与加权平均利率）；LPR为中国人民银行授权全国银行间同业拆借中心公布的逐月报价`,
  };
}

export function pricingSheets(t: PricingTable): OfficeSheet[] {
  return t.products.filter((p) => p.rows.length > 0).map((p) => productSheet(t, p));
}

export async function exportPricing(path: string, t: PricingTable): Promise<string> {
  const sheets = pricingSheets(t);
  return writeOfficeWorkbook(path, sheets.length ? sheets : t.products.map((p) => productSheet(t, p)), { title: `${t.regionName}利率定价与LPR对照表` });
}

/** The comparison in a report's words: per product and tenor, the region's spread and the banks above the LPR. */
export function pricingParagraphs(t: PricingTable): string[] {
  const out: string[] = [];
  for (const p of t.products) {
    const parts = p.totals
      .filter((tot) => tot.amount !== null)
      .map((tot) => {
        const above = p.rows.filter((r) => r.tenor === tot.tenor && r.status === 'above').map((r) => r.name);
        const unsure = p.rows.filter((r) => r.tenor === tot.tenor && r.status === 'uncertain').map((r) => r.name);
        const judged = p.judged
          ? `${above.length ? `，高于发放时${p.benchmarkWord}的有${above.join('、')}` : `，均不高于发放时${p.benchmarkWord}`}${unsure.length ? `，需核实贷款明细的有${unsure.join('、')}` : ''}`
          : '';
        const against = p.benchmarkWord === 'LPR' ? tot.lprLabel : `${tot.lprLabel}的${p.benchmarkWord.replace('LPR的', '')}`;
        return `期限${tot.tenorLabel}的${tot.banks}家机构加权平均${p.rateWord}${pct(tot.rate)}，对应${against}（按发放时加权）${pct(tot.benchmark)}，加点${bpText(tot.spreadBp)}${judged}`;
      });
    if (parts.length === 0) continue;
    out.push(`${t.quarterLabel}末，当年新发放${p.label}：${parts.join('；')}。`);
  }
  if (out.length) out.push(`口径：${t.definition.slice(0, 3).join('')}`);
  return out;
}
