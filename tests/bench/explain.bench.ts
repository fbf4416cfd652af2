/**
 * Benchmark part for provenance (数据来源): on the imported sample database, the time
 * from a click to the panel's data — figure.explain through the handler table — for a
 * region total (every bank's cell read back with its file, sheet!cell and version), a
 * growth rate (two quarters of every bank), a chain member, a bank's 考核评估 total and
 * one of its items; the report view of a bank's quarter, and a chart option with the
 * figure behind each bar (what charts.option now returns).
 */
import type { BenchContext, BenchRow } from './types';
import type { FigureRef } from '../../src/api/explain-types';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext } from '../../src/services/api/context';

async function median<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const all: { ms: number; value: T }[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const value = await fn();
    all.push({ ms: performance.now() - t, value });
  }
  all.sort((a, b) => a.ms - b.ms);
  return all[Math.floor(runs / 2)] as { ms: number; value: T };
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const service = openContext(ctx.dbPath);
  const h = createHandlers(service);
  const s = `（${ctx.scale}x）`;
  const rows: BenchRow[] = [];
  try {
    const latest = service.db.prepare(`SELECT MAX(quarter) AS q FROM submissions WHERE status = 'current' AND quarter LIKE '%Q4'`).get() as { q: string | null };
    const quarter = latest.q;
    if (!quarter) return [{ metric: `数据来源${s}`, value: 0, unit: 'ms', note: '样本库中没有第四季度报表' }];
    const year = Number(quarter.slice(0, 4));
    const bank = (service.db.prepare(`SELECT code FROM institutions WHERE region = 'ankang' ORDER BY code LIMIT 1`).get() as { code: string }).code;
    const chain = (service.db.prepare(`SELECT code FROM chains WHERE region = 'ankang' ORDER BY sort, code LIMIT 1`).get() as { code: string }).code;
    const figures: { label: string; ref: FigureRef }[] = [
      { label: `全地区合计：安康市涉农贷款余额 ${quarter}`, ref: { kind: 'indicator', region: 'ankang', quarter, indicator: 'agri_loans_bal' } },
      { label: `全地区增速：安康市涉农贷款比年初增速 ${quarter}`, ref: { kind: 'indicator', region: 'ankang', quarter, indicator: 'agri_loans_growth' } },
      { label: `产业链：安康市 ${chain} 贷款余额 ${quarter}`, ref: { kind: 'indicator', region: 'ankang', quarter, indicator: 'chain_bal', member: chain } },
      { label: `考核评估总分：${bank} ${year}年`, ref: { kind: 'score', region: 'ankang', year, institution: bank } },
      { label: `考核评估评分项：${bank} 涉农贷款增速不低于各项贷款增速`, ref: { kind: 'score', region: 'ankang', year, institution: bank, item: 'agri_growth_vs_total' } },
    ];
    for (const f of figures) {
      const r = await median(3, async () => h['figure.explain'](f.ref, {}));
      const e = r.value.ok ? r.value.value : null;
      rows.push({
        metric: `数据来源 ${f.label}${s}`,
        value: Math.round(r.ms),
        unit: 'ms',
        note: e ? `${e.inputs.length} 项报送数，计入 ${e.included.length} 家` : r.value.ok ? '' : r.value.error.message,
      });
    }
    const view = await median(3, async () => h['report.view']({ institution: bank, quarter }, {}));
    rows.push({ metric: `报表查看：${bank} ${quarter}${s}`, value: Math.round(view.ms), unit: 'ms', note: view.value.ok ? `${view.value.value.sections.reduce((n, x) => n + x.cells.length, 0)} 项，${view.value.value.versions.length} 个版本` : view.value.error.message });
    const chart = await median(3, async () => h['charts.option']({ id: 'chain.institutions', params: { quarter, chain } }, {}));
    rows.push({ metric: `图表选项含每个柱的数据来源引用（chain.institutions）${s}`, value: Math.round(chart.ms), unit: 'ms', note: chart.value.ok ? `${chart.value.value.figures.flat().length} 个柱` : chart.value.error.message });
  } finally {
    closeContext(service);
  }
  return rows;
}
