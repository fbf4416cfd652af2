/**
 * The import flow users run, measured in the desktop app's services process (the built
 * bundle, services-process.ts): 检查报表 then 提交导入 on the quarter folders of the sample set
 * (measureCheckCommit), then the calls of the pages an analyst opens next, each twice —
 * the first visit after the import (the store read cold) and a second one — with wall time,
 * the services process's CPU time and, at the end, its peak RSS. This process plays the window.
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
  let peakRssMb = 0;
  const importFlow = await measureCheckCommit({
    ...req,
    then: async (svc, db) => {
      // The services process's CPU so far: usage() gives what it used since the previous call.
      let cpuSoFar = 0;
      const servicesCpu = async (): Promise<number> => (cpuSoFar += (await svc.usage()).cpuSeconds * 1000);
      const latest = (db.prepare(`SELECT MAX(quarter) AS q FROM submissions WHERE status = 'current'`).get() as { q: string | null }).q;
      if (!latest) throw new Error('nothing imported');
      const year = Number(latest.slice(0, 4));
      const regions = ['ankang', 'bishan'];
      // Each page: the calls its store makes when it is opened (src/ui/stores, ChartCard).
      const pages: { page: string; run: () => Promise<number> }[] = [
        {
          page: '首页（两地区：要览指标 + 报送情况）',
          run: async () => {
            for (const region of regions) {
              await svc.must('indicators.compute', { quarter: latest, region, ids: ['agri_loans_bal', 'agri_loans_inc', 'agri_loans_growth'], scopes: ['region', 'chain'] });
              await svc.must('status.matrix', { quarter: latest, region });
            }
            return regions.length * 2;
          },
        },
        {
          page: '指标（最新季度，全部指标与范围）',
          run: async () => {
            for (const region of regions) await svc.must('indicators.compute', { quarter: latest, region });
            return regions.length;
          },
        },
        {
          page: '图表（两地区每张图的配置）',
          run: () => openChartPage((a) => svc.call('charts.option', a), db, latest, regions),
        },
        {
          page: `考核评估（${year - 1}年度，两地区评分）`,
          run: async () => {
            for (const region of regions) await svc.must('assessment.score', { region, year: year - 1, save: false });
            return regions.length;
          },
        },
        {
          page: '金融兴产强县进度表（安康）',
          run: async () => {
            await svc.must('progress.table', { year, quarter: latest, region: 'ankang' });
            return 1;
          },
        },
        {
          page: '政策目标跟踪（两地区）',
          run: async () => {
            for (const region of regions) await svc.must('targets.evaluate', { quarter: latest, region });
            return regions.length;
          },
        },
      ];
      for (const p of pages) {
        const a = await timed(p.run, servicesCpu);
        const b = await timed(p.run, servicesCpu);
        steps.push({ page: p.page, calls: a.calls, first: { ms: a.ms, cpuMs: a.cpuMs }, again: { ms: b.ms, cpuMs: b.cpuMs } });
      }
      peakRssMb = (await svc.usage()).maxRssMb;
    },
  });
  return { importFlow, steps, peakRssMb };
}

if (/user-flow-measure\.ts$/.test(process.argv[1] ?? '')) {
  const req = JSON.parse(process.argv[2] ?? '{}') as UserFlowRequest;
  process.stdout.write(`${JSON.stringify(await measureUserFlow(req))}\n`);
}
