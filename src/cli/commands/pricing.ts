/** pricing: new lending by tenor against the LPR in force when it was lent; the LPR table itself. */
import type { CommandDef } from '../command';
import { flag, opt } from '../args';
import { printJson, reportFailure, table } from '../io';

const pct = (x: number | null): string => (x === null ? '无数据' : `${(x * 100).toFixed(2)}%`);
const bp = (x: number | null): string => (x === null ? '无数据' : `${x > 0 ? '+' : ''}${x.toFixed(1)}BP`);

export const pricingCommand: CommandDef = {
  name: 'pricing',
  summary: '利率定价：当年新发放的脱贫人口小额信贷、普惠型涉农贷款按期限与发放时的同期相应年限LPR对照（加点、是否高于LPR）；--lpr 列出逐月LPR及出处',
  usage: 'pricing [--region ankang|bishan] [--quarter 2025Q3] [--json] [--out FILE.xlsx] | pricing --lpr [--json]',
  options: { region: 'string', quarter: 'string', out: 'string', lpr: 'boolean' },
  readsOnly: () => true,
  run: async ({ handlers, io, json, args }) => {
    const h = handlers();
    if (flag(args, 'lpr')) {
      const r = await h['pricing.lpr']({}, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else {
        io.out(table(['月份', '发布日', '1年期LPR', '5年期以上LPR', '出处'], r.value.months.map((m) => [m.month, m.date, pct(m.oneYear), pct(m.fiveYear), m.sources.join('、')])));
        io.out(`本表适用至 ${r.value.coveredUntil ?? '—'}。${r.value.unconfirmed}`);
      }
      return 0;
    }
    const region = opt(args, 'region');
    const quarter = opt(args, 'quarter');
    const out = opt(args, 'out');
    const a = { ...(region ? { region } : {}), ...(quarter ? { quarter } : {}) };
    if (out) {
      const r = await h['pricing.export']({ ...a, out }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已导出 ${r.value.quarter} 利率定价对照表：${r.value.path}`);
      return 0;
    }
    const r = await h['pricing.table'](a, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) {
      printJson(io, r.value);
      return 0;
    }
    for (const p of r.value.products) {
      io.out(`${r.value.regionName}${r.value.quarterLabel}末 当年新发放${p.label}（${p.ruleWords}）`);
      io.out(
        table(
          ['机构', '期限', '当年新发放（万元）', '加权平均利率', '发放时LPR', '加点', p.judged ? '判断' : '说明'],
          [
            ...p.rows.map((x) => [x.name, `${x.tenorLabel}（${x.lprLabel}）`, x.amount === null ? '无数据' : x.amount.toFixed(2), pct(x.rate), pct(x.benchmark), bp(x.spreadBp), x.note ?? x.statusWord]),
            ...p.totals.map((t) => [`合计（${t.banks} 家）`, t.tenorLabel, t.amount === null ? '无数据' : t.amount.toFixed(2), pct(t.rate), pct(t.benchmark), bp(t.spreadBp), p.judged ? `高于LPR ${t.above} 家，需核实 ${t.uncertain} 家` : '监测']),
          ],
        ),
      );
    }
    for (const d of r.value.definition) io.out(d);
    return 0;
  },
};
