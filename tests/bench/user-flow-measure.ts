/**
 * The import flow users run, measured in one fresh process standing for the desktop app's
 * services process: 检查报表 then 提交导入 on the quarter folders of the sample set
 * (measureCheckCommit), then the handlers of the pages an analyst opens next, each twice —
 * the first visit after the import (the store read cold) and a second one — with wall time,
 * this process's CPU time and, at the end, its peak RSS.
 *
 *   node --import tsx tests/bench/user-flow-measure.ts '<json UserFlowRequest>'
 *
 * prints a UserFlowMeasured as JSON (user-flow.bench.ts runs it).
 */
import { measureCheckCommit, type CheckCommitMeasured, type CheckCommitRequest } from './check-commit-measure';
import { openChartPage, timed } from './chart-page';

export type UserFlowRequest = Omit<CheckCommitRequest, 'then'>;

export interface PageStep {
  page: string;
  calls: number;
  first: { ms: number; cpuMs: number };
  again: { ms: number; cpuMs: number };
}

export interface UserFlowMeasured {
  importFlow: CheckCommitMeasured;
  steps: PageStep[];
  /** Peak RSS of the services process over the import and the pages (MB). */
  peakRssMb: number;
}

export async function measureUserFlow(req: UserFlowRequest): Promise<UserFlowMeasured> {
  const steps: PageStep[] = [];
  const importFlow = await measureCheckCommit({
    ...req,
    then: async (h, ctx) => {
      const must = async <T>(r: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> => {
        const x = await r;
        if (!x.ok) throw new Error(x.error.message);
        return x.value;
      };
      const latest = (ctx.db.prepare(`SELECT MAX(quarter) AS q FROM submissions WHERE status = 'current'`).get() as { q: string | null }).q;
      if (!latest) throw new Error('nothing imported');
      const first = (ctx.db.prepare(`SELECT MIN(quarter) AS q FROM submissions WHERE status = 'current'`).get() as { q: string }).q;
      const year = Number(latest.slice(0, 4));
      const regions = ['ankang', 'bishan'];
      // Each page: the calls its store makes when it is opened (src/ui/stores, ChartCard).
      const pages: { page: string; run: () => Promise<number> }[] = [
        {
          page: '首页（两地区：要览指标 + 报送情况）',
          run: async () => {
            for (const region of regions) {
              await must(h['indicators.compute']({ quarter: latest, region, ids: ['agri_loans_bal', 'agri_loans_inc', 'agri_loans_growth'], scopes: ['region', 'chain'] }, {}));
              await must(h['status.matrix']({ quarter: latest, region }, {}));
            }
            return regions.length * 2;
          },
        },
        {
          page: '指标（最新季度，全部指标与范围）',
          run: async () => {
            for (const region of regions) await must(h['indicators.compute']({ quarter: latest, region }, {}));
            return regions.length;
          },
        },
        {
          page: '图表（两地区每张图的配置）',
          run: () => openChartPage(h, ctx.db, latest, regions),
        },
        {
          page: `考核评估（${year - 1}年度，两地区评分）`,
          run: async () => {
            for (const region of regions) await must(h['assessment.score']({ region, year: year - 1, save: false }, {}));
            return regions.length;
          },
        },
        {
          page: '金融兴产强县进度表（安康）',
          run: async () => {
            await must(h['progress.table']({ year, quarter: latest, region: 'ankang' }, {}));
            return 1;
          },
        },
        {
          page: '政策目标跟踪（两地区）',
          run: async () => {
            for (const region of regions) await must(h['targets.evaluate']({ quarter: latest, region }, {}));
            return regions.length;
          },
        },
        {
          page: `重算全部指标（${first}–${latest}，两地区）`,
          run: async () => {
            const { computeIndicatorSeries } = await import('../../src/services/indicators');
            computeIndicatorSeries(ctx.db, { from: first, to: latest });
            return 1;
          },
        },
      ];
      for (const p of pages) {
        const a = await timed(p.run);
        const b = await timed(p.run);
        steps.push({ page: p.page, calls: a.calls, first: { ms: a.ms, cpuMs: a.cpuMs }, again: { ms: b.ms, cpuMs: b.cpuMs } });
      }
    },
  });
  return { importFlow, steps, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

if (/user-flow-measure\.ts$/.test(process.argv[1] ?? '')) {
  const req = JSON.parse(process.argv[2] ?? '{}') as UserFlowRequest;
  process.stdout.write(`${JSON.stringify(await measureUserFlow(req))}\n`);
}
