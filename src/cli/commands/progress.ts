/** progress: the 金融兴产强县 progress table, and its county targets. */
import type { CommandDef } from '../command';
import { CliUsageError, flag, opt, optNumber, required } from '../args';
import { printJson, reportFailure, table } from '../io';
import { formatAmount, formatPercent, NO_DATA } from '../../domain/indicators/format';

const amount = (x: number | null): string => (x === null ? NO_DATA : formatAmount(x));
const pct = (x: number | null): string => (x === null ? NO_DATA : formatPercent(x));

function yearOf(v: string): number {
  const y = Number(v);
  if (!Number.isInteger(y) || y < 2000 || y > 2100) throw new CliUsageError(`--year 应为四位年份，收到「${v}」。`);
  return y;
}

export const progressCommand: CommandDef = {
  name: 'progress',
  summary: '「金融兴产强县」进度表（目标、实际、完成率、时序进度、进度差、排名、落后标示）；录入或导入县域目标',
  usage:
    'progress --year 2025 --quarter 3 [--region ankang] [--json] [--out FILE.xlsx] | progress --set-target --county 汉滨区 --year 2025 [--annual 万元] [--three-year 万元 --from 2024 --to 2026] [--indicator county_lead_ytd|county_lead_inc|county_lead_bal|county_lead_bal_end|county_agri_bal] | progress --import-targets FILE [--year 2025] | progress --targets --year 2025 | progress --measures | progress --time-method days|quarters [--region ankang]',
  options: { year: 'string', quarter: 'string', region: 'string', out: 'string', 'set-target': 'boolean', county: 'string', annual: 'string', 'three-year': 'string', from: 'string', to: 'string', indicator: 'string', 'import-targets': 'string', targets: 'boolean', measures: 'boolean', 'time-method': 'string' },
  run: async ({ handlers, io, json, args }) => {
    const h = handlers();
    const region = opt(args, 'region');
    const importFrom = opt(args, 'import-targets');
    if (importFrom) {
      const y = opt(args, 'year');
      const r = await h['progress.importTargets']({ path: importFrom, ...(y ? { year: yearOf(y) } : {}) }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已从「${r.value.file}」工作表「${r.value.sheet}」导入 ${r.value.targets.length} 个县的目标。`);
      return 0;
    }
    const method = opt(args, 'time-method');
    if (method) {
      if (method !== 'days' && method !== 'quarters') throw new CliUsageError(`--time-method 应为 days（按天数）或 quarters（按季度 25/50/75/100%），收到「${method}」。`);
      const r = await h['progress.setSettings']({ timeMethod: method, ...(region ? { region } : {}) }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已设置${r.value.regionName}时序进度：${r.value.timeMethodLabel}。`);
      return 0;
    }
    if (flag(args, 'measures')) {
      const r = await h['progress.measures']({}, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(table(['口径', '名称', '类型', '定义'], r.value.map((m) => [`${m.id}${m.isDefault ? '（默认）' : ''}`, m.label, m.kind === 'stock' ? '余额（存量）' : '发生额（流量）', m.definition])));
      return 0;
    }
    const year = yearOf(required(args, 'year'));
    if (flag(args, 'set-target')) {
      const annual = optNumber(args, 'annual');
      const three = optNumber(args, 'three-year');
      const from = optNumber(args, 'from');
      const to = optNumber(args, 'to');
      const indicator = opt(args, 'indicator');
      const r = await h['progress.setTarget'](
        {
          county: required(args, 'county'),
          year,
          ...(annual !== undefined ? { annualTarget: annual } : {}),
          ...(three !== undefined ? { threeYearTarget: three } : {}),
          ...(from !== undefined ? { threeYearFrom: from } : {}),
          ...(to !== undefined ? { threeYearTo: to } : {}),
          ...(indicator ? { indicator } : {}),
        },
        {},
      );
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已录入 ${r.value.countyName}${year}年目标（${r.value.indicatorLabel}）：年度 ${amount(r.value.annualTarget)} 万元，三年 ${amount(r.value.threeYearTarget)} 万元。`);
      return 0;
    }
    if (flag(args, 'targets')) {
      const r = await h['progress.targets']({ year, ...(region ? { region } : {}) }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else
        io.out(
          table(
            ['县（市、区）', '口径', '年度目标（万元）', '三年目标（万元）', '三年行动期', '来源', '录入人'],
            r.value.map((t) => [t.countyName, t.indicatorLabel, amount(t.annualTarget), amount(t.threeYearTarget), t.threeYearFrom ? `${t.threeYearFrom}–${t.threeYearTo}` : '', t.source, t.enteredBy]),
          ),
        );
      return 0;
    }
    const quarter = required(args, 'quarter');
    const out = opt(args, 'out');
    const r = out
      ? await h['progress.export']({ year, quarter, out, ...(region ? { region } : {}) }, {})
      : await h['progress.table']({ year, quarter, ...(region ? { region } : {}) }, {});
    if (!r.ok) return reportFailure(io, r, json);
    const t = 'table' in r.value ? r.value.table : r.value;
    if (json) printJson(io, t);
    else {
      io.out(`${t.regionName}「金融兴产强县」进度表，${t.quarter}（时序进度 ${pct(t.timeProgress)}）`);
      io.out(
        table(
          ['县（市、区）', '类别', '首位产业', '年度目标', '实际完成', '完成率', '进度差', '排名', '进度'],
          [
            ...t.rows.map((x) => [x.county, x.class, x.leadingIndustry, amount(x.target), amount(x.actual), pct(x.completion), pct(x.gap), x.rank, x.behind === null ? '—' : x.behind ? '落后' : '正常']),
            ...t.totals.map((x) => [t.totals.length > 1 ? `合计（${x.indicatorLabel}）` : '合计', `${x.counties.length} 个县`, '', amount(x.target), amount(x.actual), pct(x.completion), pct(x.gap), '', `落后 ${x.behindCount} 个`]),
          ],
        ),
      );
      for (const d of t.definitions) io.out(d);
    }
    if ('path' in r.value && !json) io.out(`已导出：${r.value.path}`);
    return 0;
  },
};
