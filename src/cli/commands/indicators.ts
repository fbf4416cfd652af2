/** indicators: every indicator for a quarter, per institution, chain, county and region. */
import type { CommandDef } from '../command';
import { CliUsageError, flag, opt, required } from '../args';
import { printJson, reportFailure, table } from '../io';
import type { IndicatorScope } from '../../api/assessment-types';

const SCOPES: IndicatorScope[] = ['institution', 'county', 'chain', 'region'];
const SCOPE_LABEL: Record<IndicatorScope, string> = { institution: '机构', county: '县', chain: '产业链', region: '全地区' };

export const indicatorsCommand: CommandDef = {
  name: 'indicators',
  summary: '计算某季度的全部指标（机构、县、产业链、全地区），缺少数据显示「无数据」',
  usage: 'indicators --quarter 2025Q3 [--region ankang|bishan] [--id ID,...] [--scope institution|county|chain|region] [--list] [--json]',
  options: { quarter: 'string', region: 'string', id: 'string', scope: 'string', list: 'boolean' },
  readsOnly: () => true,
  run: async ({ handlers, io, json, args }) => {
    if (flag(args, 'list')) {
      const r = await handlers()['indicators.catalogue']({}, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(table(['指标', '名称', '单位', '类别', '定义'], r.value.map((i) => [i.id, i.label, i.unit, i.group, i.regionNote ? `${i.definition}${i.regionNote}` : i.definition])));
      return 0;
    }
    const quarter = required(args, 'quarter');
    const region = opt(args, 'region');
    const ids = opt(args, 'id')?.split(',').map((s) => s.trim()).filter(Boolean);
    const scope = opt(args, 'scope');
    if (scope && !SCOPES.includes(scope as IndicatorScope)) throw new CliUsageError(`--scope 只能是 ${SCOPES.join('、')}。`);
    const r = await handlers()['indicators.compute'](
      { quarter, ...(region ? { region } : {}), ...(ids ? { ids } : {}), ...(scope ? { scopes: [scope as IndicatorScope] } : {}) },
      {},
    );
    if (!r.ok) return reportFailure(io, r, json);
    if (json) {
      printJson(io, r.value);
      return 0;
    }
    io.out(
      table(
        ['指标', '范围', '对象', '季度', '数值', '口径'],
        r.value.map((x) => [
          x.label,
          SCOPE_LABEL[x.scope],
          x.institutionName ?? x.chainName ?? x.countyName ?? x.region,
          x.quarter,
          x.display,
          x.note ?? `${x.coverage.included}/${x.coverage.total} 家`,
        ]),
      ),
    );
    return 0;
  },
};
