/** targets: the seeds' targets (and analysts' own) judged from the reports. */
import { readRegularText } from '../../services/files/inputs';
import { parseJsonText } from '../../domain/text/jsonError';
import type { CommandDef } from '../command';
import { CliUsageError, opt } from '../args';
import { printJson, reportFailure, table } from '../io';
import type { TargetDef } from '../../api/assessment-types';

export const targetsCommand: CommandDef = {
  name: 'targets',
  summary: '检查政策文件写明的目标（及分析人员添加的目标）：已达成 / 进度正常 / 落后 / 无数据',
  usage: 'targets [--quarter 2025Q3] [--region ankang|bishan] [--json] [--out FILE.xlsx] | targets --add TARGET.json | targets --remove ID',
  options: { quarter: 'string', region: 'string', out: 'string', add: 'string', remove: 'string' },
  run: async ({ handlers, io, json, args }) => {
    const h = handlers();
    const add = opt(args, 'add');
    if (add) {
      const parsed = parseJsonText(readRegularText(add, { what: '目标文件', maxBytes: 5 * 1024 * 1024 }));
      if (!parsed.ok) throw new CliUsageError(`目标文件「${add}」不是有效的 JSON：${parsed.problem}。`);
      const target = parsed.value as TargetDef;
      const r = await h['targets.add']({ target }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已添加目标「${r.value.id}」：${r.value.who} ${r.value.clause}`);
      return 0;
    }
    const remove = opt(args, 'remove');
    if (remove) {
      const r = await h['targets.remove']({ id: remove }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已停用目标「${remove}」。`);
      return 0;
    }
    const quarter = opt(args, 'quarter');
    const region = opt(args, 'region');
    const out = opt(args, 'out');
    const a = { ...(quarter ? { quarter } : {}), ...(region ? { region } : {}) };
    const r = out ? await h['targets.export']({ out, ...a }, {}) : await h['targets.evaluate'](a, {});
    if (!r.ok) return reportFailure(io, r, json);
    const rows = 'rows' in r.value ? r.value.rows : r.value;
    if (json) printJson(io, rows);
    else io.out(table(['出处', '责任主体', '标准', '期限', '季度', '状态', '数据情况'], rows.map((t) => [t.source, t.who, t.goalText, t.byLabel, t.quarter, t.status, t.figures])));
    if ('path' in r.value && !json) io.out(`已导出：${r.value.path}`);
    return 0;
  },
};
