/**
 * demo --out DIR: the headless main job on an embedded default. Creates a
 * database, generates the sample report set for both regions, imports it with
 * each file's arrival date, and writes every product that exists to DIR.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandDef } from '../command';
import type { HandlerTable, Method, ArgsOf, ResultOf } from '../../api/contract';
import { opt, required } from '../args';
import { printJson, type CliIO } from '../io';
import { closeContext, openContext } from '../../services/api/context';
import { createHandlers } from '../../services/api/handlers';
import { AppFailure, failure, formatError } from '../../domain/result';
import { parseYears } from '../../services/template/sampleSet';

interface Product {
  what: string;
  path: string;
}

async function must<M extends Method>(h: HandlerTable, method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
  const r = await h[method](args, {});
  if (!r.ok) throw AppFailure.of(r.error);
  return r.value;
}

function step(io: CliIO, json: boolean, text: string): void {
  if (!json) io.out(text);
}

/** A small deterministic generator, so a demo run with the same seed enters the same figures. */
function seeded(seed: number): () => number {
  let x = (seed * 2654435761) >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) % 1_000_000) / 1_000_000;
  };
}

const SAMPLE_REASON = '示例：演示用定性评分，正式考核请由分析人员按实际评价录入';

/**
 * What analysts enter by hand, filled with sample figures so every table of the
 * demo has content: qualitative scores per institution (3–5 of 5 points, in
 * half points) and each county's 首位产业 target (last year's balance plus
 * 8–16 %, rounded to 100 万元; three-year target over last year to next year).
 */
async function enterSampleAnalystInputs(h: HandlerTable, year: number, seed: number): Promise<{ qualitative: number; targets: number }> {
  const rnd = seeded(seed);
  let qualitative = 0;
  for (const region of await must(h, 'registry.regions', {})) {
    const schemes = await must(h, 'assessment.schemes', { region: region.code });
    const first = schemes[0];
    if (!first) continue;
    const { scheme } = await must(h, 'assessment.scheme', { id: first.id });
    const items = scheme.items.filter((i) => i.rule.type === 'qualitative');
    for (const inst of await must(h, 'registry.institutions', { region: region.code })) {
      for (const item of items) {
        const score = Math.min(item.max, Math.round((item.max * (0.6 + 0.4 * rnd())) * 2) / 2);
        await must(h, 'assessment.setQualitative', { institution: inst.code, year, item: item.id, score, reason: SAMPLE_REASON, actor: 'demo' });
        qualitative++;
      }
    }
  }
  let targets = 0;
  const before = await must(h, 'progress.table', { year: year - 1, quarter: 4, region: 'ankang' });
  for (const row of before.rows) {
    if (row.actual === null) continue;
    const annualTarget = Math.round((row.actual * (1.08 + 0.08 * rnd())) / 100) * 100;
    // A three-year target on a flow (当年累放) adds up three years; on a balance it is the level at the end.
    const threeYearTarget = Math.round((row.actual * (row.kind === 'flow' ? 3.4 : 1.4)) / 100) * 100;
    await must(h, 'progress.setTarget', {
      county: row.countyCode,
      year,
      annualTarget,
      threeYearTarget,
      threeYearFrom: year - 1,
      threeYearTo: year + 1,
      source: '示例：按上年全年数测算的演示目标',
      actor: 'demo',
    });
    targets++;
  }
  return { qualitative, targets };
}

export const demoCommand: CommandDef = {
  name: 'demo',
  summary: '演示：新建数据库，生成两地区示例报表并导入，输出报送情况、考核评估、进度表、目标跟踪、图表与 Word 报告包',
  usage: 'demo --out DIR [--years 2021-2025] [--seed N] [--db PATH] [--json]',
  options: { out: 'string', years: 'string', seed: 'string' },
  run: async ({ args, io, json }) => {
    const out = resolve(required(args, 'out'));
    const years = opt(args, 'years') ?? '2021-2025';
    const seed = Number(opt(args, 'seed') ?? '1');
    const lastYear = parseYears(years).to;
    const quarter = `${lastYear}Q4`;
    mkdirSync(out, { recursive: true });
    const dbArg = opt(args, 'db');
    const dbPath = resolve(dbArg ?? join(out, 'demo.sqlite'));
    // The demo's own database is made anew each run; a database named with --db is used as it is.
    if (!dbArg) for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
    const ctx = openContext(dbPath);
    const h = createHandlers(ctx);
    const products: Product[] = [{ what: '数据库', path: dbPath }];
    try {
      const started = Date.now();
      step(io, json, `1–2/8 生成两地区示例报表（${years}）并按清单中的收到日期导入（据此判定逾期）…`);
      const sampleDir = join(out, '示例报表');
      const loaded = await must(h, 'sample.load', { out: sampleDir, years, seed });
      products.push({ what: `示例报表 ${loaded.files} 个`, path: sampleDir });
      const imported = { accepted: loaded.accepted, rejected: loaded.rejected, batchId: loaded.batchId };
      const importLog = join(out, '导入结果.json');
      const batch = (await must(h, 'batch.list', { limit: 1 }))[0] ?? null;
      writeFileSync(importLog, JSON.stringify({ ...imported, batch }, null, 2));
      products.push({ what: `导入结果（接收 ${imported.accepted}，拒收 ${imported.rejected}）`, path: importLog });

      step(io, json, '3/8 示例分析人员录入：定性评分与各县首位产业目标…');
      const entered = await enterSampleAnalystInputs(h, lastYear, seed);
      products.push({ what: `示例录入（定性评分 ${entered.qualitative} 项，县域目标 ${entered.targets} 个，均注明「示例」）`, path: dbPath });

      step(io, json, '4/8 报送情况表…');
      const status = await must(h, 'status.export', { from: `${lastYear}Q1`, to: quarter, out: join(out, `报送情况_${lastYear}年.xlsx`) });
      products.push({ what: '报送情况表', path: status.path });

      step(io, json, '5/8 年度考核评估…');
      const regions = await must(h, 'registry.regions', {});
      for (const r of regions) {
        const scores = await must(h, 'assessment.exportScores', { region: r.code, year: lastYear, out: join(out, `考核评估_${r.name}_${lastYear}年.xlsx`) });
        products.push({ what: `考核评估（${r.name}，${scores.result.results.length} 家机构）`, path: scores.path });
      }

      step(io, json, '6/8 金融兴产强县进度表与目标跟踪…');
      const progress = await must(h, 'progress.export', { year: lastYear, quarter: 4, region: 'ankang', out: join(out, `金融兴产强县进度表_${quarter}.xlsx`) });
      products.push({ what: '金融兴产强县进度表（安康市）', path: progress.path });
      const targets = await must(h, 'targets.export', { quarter, out: join(out, `目标跟踪_${quarter}.xlsx`) });
      products.push({ what: `目标跟踪（${targets.rows.length} 项）`, path: targets.path });

      step(io, json, '7/8 图表与报告包（图表 PNG/SVG、统计表、Word 报告初稿）…');
      const pack = await must(h, 'charts.pack', { quarter, out: join(out, `报告包_${quarter}`) });
      products.push({ what: `报告包（图表 ${pack.charts.length} 张）`, path: pack.dir });
      products.push({ what: 'Word 报告初稿', path: pack.report });

      step(io, json, '8/8 数据核对…');
      const integrity = await must(h, 'db.integrity', {});
      if (!integrity.ok) throw failure('E_DEMO_INTEGRITY', { problems: integrity.messages.join('；') });

      const seconds = (Date.now() - started) / 1000;
      if (json) printJson(io, { out, dbPath, quarter, seconds, products });
      else {
        io.out(`\n演示完成（用时 ${seconds.toFixed(1)} 秒），输出目录：${out}`);
        for (const p of products) io.out(`  ${p.what}：${p.path}`);
      }
      return imported.rejected > 0 ? 2 : 0;
    } catch (e) {
      if (e instanceof AppFailure) {
        io.err(`错误：${formatError(e.appError)}`);
        return 1;
      }
      throw e;
    } finally {
      closeContext(ctx);
    }
  },
};
