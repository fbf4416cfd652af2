/** coverage: region facts (行政村 per 镇街, the 新型农业经营主体 roster) and the villages (entities) covered, counted once. */
import type { CommandDef } from '../command';
import { CliUsageError, flag, opt, optNumber, required } from '../args';
import { printJson, reportFailure, table } from '../io';
import type { CoverageKind } from '../../api/coverage-types';

function kindOf(v: string | undefined): CoverageKind {
  const k = v ?? 'villages';
  if (k !== 'villages' && k !== 'nae') throw new CliUsageError(`--kind 应为 villages（行政村）或 nae（新型农业经营主体），收到「${k}」。`);
  return k;
}

const pct = (x: number | null): string => (x === null ? '无数据' : `${(x * 100).toFixed(2)}%`);

export const coverageCommand: CommandDef = {
  name: 'coverage',
  summary: '区域基础数据（各镇街行政村数、新型农业经营主体名录数）与覆盖名单：覆盖率按村（主体）计，多家机构覆盖只计一次',
  usage:
    'coverage [--region bishan] [--kind villages|nae] [--date 2022-12-31] [--json] | coverage --fact villages|nae [--unit 璧城街道] --value 12 --as-of 2022-12-31 --source 来源 | coverage --add 村名 --unit 镇街 [--code 代码] [--institution 机构] --as-of 日期 --source 来源 [--kind …] | coverage --import FILE [--kind …] [--as-of 日期] [--source 来源] | coverage --list [--unit 镇街] | coverage --facts | coverage --remove ID',
  options: { region: 'string', kind: 'string', date: 'string', fact: 'string', unit: 'string', value: 'string', 'as-of': 'string', source: 'string', add: 'string', code: 'string', institution: 'string', import: 'string', list: 'boolean', facts: 'boolean', remove: 'string' },
  readsOnly: (a) => !['fact', 'add', 'import', 'remove'].some((k) => opt(a, k) !== undefined),
  run: async ({ handlers, io, json, args }) => {
    const h = handlers();
    const region = opt(args, 'region') ?? 'bishan';
    const kind = kindOf(opt(args, 'kind'));
    const fact = opt(args, 'fact');
    if (fact) {
      const value = optNumber(args, 'value');
      if (value === undefined) throw new CliUsageError('缺少参数 --value（行政村数或名录数）。');
      const unit = opt(args, 'unit');
      const r = await h['coverage.setFact']({ region, fact: kindOf(fact), value, asOf: required(args, 'as-of'), source: required(args, 'source'), ...(unit ? { unit } : {}) }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已录入${r.value.unitName}${fact === 'nae' ? '新型农业经营主体名录数' : '行政村数'} ${r.value.value}（截至 ${r.value.asOf}，${r.value.source}）。`);
      return 0;
    }
    const add = opt(args, 'add');
    if (add) {
      const unit = opt(args, 'unit');
      const code = opt(args, 'code');
      const institution = opt(args, 'institution');
      const r = await h['coverage.add']({ region, kind, name: add, asOf: required(args, 'as-of'), source: required(args, 'source'), ...(unit ? { unit } : {}), ...(code ? { code } : {}), ...(institution ? { institution } : {}) }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已记录 ${r.value.unitName}${r.value.name}${r.value.institutionName ? `（${r.value.institutionName}）` : ''}自 ${r.value.asOf} 起覆盖。`);
      return 0;
    }
    const file = opt(args, 'import');
    if (file) {
      const asOf = opt(args, 'as-of');
      const source = opt(args, 'source');
      const r = await h['coverage.import']({ region, kind, path: file, ...(asOf ? { asOf } : {}), ...(source ? { source } : {}) }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已从「${r.value.file}」工作表「${r.value.sheet}」导入 ${r.value.added} 条覆盖记录${r.value.kept ? `（${r.value.kept} 条已有，未重复记录）` : ''}。`);
      return 0;
    }
    const remove = optNumber(args, 'remove');
    if (remove !== undefined) {
      const r = await h['coverage.remove']({ id: remove }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已撤销覆盖记录 ${remove}。`);
      return 0;
    }
    if (flag(args, 'facts')) {
      const r = await h['coverage.facts']({ region }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(table(['单位', '类别', '数值', '截至', '来源', '录入人'], r.value.map((f) => [f.unitName, f.fact === 'nae' ? '新型农业经营主体名录数' : '行政村数', String(f.value), f.asOf, f.source, f.enteredBy])));
      return 0;
    }
    if (flag(args, 'list')) {
      const unit = opt(args, 'unit');
      const r = await h['coverage.list']({ region, kind, ...(unit ? { unit } : {}) }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(table(['编号', '镇街', '名称', '代码', '机构', '自', '来源'], r.value.map((c) => [String(c.id), c.unitName, c.name, c.code ?? '', c.institutionName ?? '（分析人员记录）', c.asOf, c.source])));
      return 0;
    }
    const date = opt(args, 'date');
    const r = await h['coverage.status']({ region, kind, ...(date ? { date } : {}) }, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else {
      const s = r.value;
      io.out(`${s.regionName}${s.label}，截至 ${s.date}：${s.totalWords}，已覆盖 ${s.covered}（${s.records} 条机构记录），覆盖率 ${pct(s.rate)}`);
      if (s.units.length) io.out(table(['镇街', '总数', '截至', '已覆盖', '覆盖率'], s.units.map((u) => [u.unitName, u.total === null ? '未录入' : String(u.total), u.totalAsOf ?? '', String(u.covered), `${pct(u.rate)}${u.exceeds ? '（超过总数，请核对）' : ''}`])));
      io.out(s.definition);
    }
    return 0;
  },
};
