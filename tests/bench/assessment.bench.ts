/**
 * Benchmark part for indicators and the assessment: on the imported sample
 * database, the time to score one region-year, to recompute every indicator
 * for every quarter of every year, and to build the progress table, the
 * targets tracker and the styled exports.
 */
import { join } from 'node:path';
import type { BenchContext, BenchRow } from './types';
import { openDatabase } from '../../src/services/db/database';
import { computeIndicators, computeIndicatorSeries } from '../../src/services/indicators';
import { scoreRegionYear } from '../../src/services/assessment';
import { exportScores } from '../../src/services/assessment/export';
import { progressTable } from '../../src/services/progress';
import { evaluateTargets } from '../../src/services/targets';

function time<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

/** The median of a few runs, so one garbage collection does not decide the figure. */
function median<T>(runs: number, fn: () => T): { ms: number; value: T } {
  const all = Array.from({ length: runs }, () => time(fn));
  all.sort((a, b) => a.ms - b.ms);
  return all[Math.floor(runs / 2)] as { ms: number; value: T };
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const db = openDatabase(ctx.dbPath);
  const rows: BenchRow[] = [];
  const s = `（${ctx.scale}x）`;
  try {
    const quarters = (db.prepare(`SELECT DISTINCT quarter FROM submissions WHERE status = 'current' ORDER BY quarter`).all() as { quarter: string }[]).map((r) => r.quarter);
    if (quarters.length === 0) return [{ metric: `指标与考核${s}`, value: 0, unit: 'ms', note: '样本库中没有报表' }];
    const fullYears = [...new Set(quarters.filter((q) => q.endsWith('Q4')).map((q) => Number(q.slice(0, 4))))];
    const year = fullYears[fullYears.length - 1] ?? Number((quarters[quarters.length - 1] ?? '').slice(0, 4));
    const institutions = (db.prepare(`SELECT region, COUNT(*) AS n FROM institutions GROUP BY region`).all() as { region: string; n: number }[]).map((r) => `${r.region} ${r.n} 家`).join('，');

    for (const region of ['ankang', 'bishan']) {
      const score = median(3, () => scoreRegionYear(db, { region, year, save: false }));
      rows.push({ metric: `考核评分：${region} ${year}年一次${s}`, value: Math.round(score.ms), unit: 'ms', note: `${score.value.results.length} 家机构，${score.value.results[0]?.indicators.length ?? 0} 个评分项` });
    }

    const first = quarters[0] ?? '';
    const lastQ = quarters[quarters.length - 1] ?? '';
    const all = time(() => computeIndicatorSeries(db, { from: first, to: lastQ }).length);
    rows.push({
      metric: `重算全部指标：${quarters.length} 个季度 × 两地区${s}`,
      value: Math.round(all.ms),
      unit: 'ms',
      note: `${all.value.toLocaleString('en-US')} 个指标值（${Math.round(all.value / (all.ms / 1000)).toLocaleString('en-US')} 个/秒）；机构 ${institutions}`,
    });

    const last = quarters[quarters.length - 1] ?? `${year}Q4`;
    const one = median(3, () => computeIndicators(db, { quarter: last }));
    rows.push({ metric: `一个季度的全部指标（${last}）${s}`, value: Math.round(one.ms), unit: 'ms', note: `${one.value.length} 个指标值` });

    const lastYear = Number(last.slice(0, 4));
    const progress = median(3, () => progressTable(db, { year: lastYear, quarter: last }));
    rows.push({ metric: `金融兴产强县进度表（${last}）${s}`, value: Math.round(progress.ms), unit: 'ms', note: `${progress.value.rows.length} 个县` });

    const targets = median(3, () => evaluateTargets(db));
    rows.push({ metric: `政策目标跟踪（全部目标）${s}`, value: Math.round(targets.ms), unit: 'ms', note: `${targets.value.length} 个目标` });

    const result = scoreRegionYear(db, { region: 'ankang', year, save: false });
    const t = performance.now();
    await exportScores(join(ctx.outDir, `scores-ankang-${year}-${ctx.scale}x.xlsx`), result, '安康市');
    rows.push({ metric: `导出考核结果 .xlsx（汇总 + 明细）${s}`, value: Math.round(performance.now() - t), unit: 'ms', note: `${result.results.reduce((n, r) => n + r.indicators.length, 0)} 行明细` });
  } finally {
    db.close();
  }
  return rows;
}
