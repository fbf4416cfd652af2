/** explain: where a figure comes from — its definition, formula, comparable set and every stored input with file, sheet and cell. */
import type { CommandDef } from '../command';
import { opt, required } from '../args';
import { printJson, reportFailure, table } from '../io';
import type { Explanation } from '../../api/explain-types';
import { INPUT_HEADER, inputRow } from '../../domain/present/provenance';

export function explanationText(e: Explanation): string {
  const lines = [`${e.title}：${e.display}`, `定义：${e.definition}`, `公式：${e.formula}`];
  if (e.comparable) lines.push(`可比口径：${e.comparable}`);
  for (const f of e.facts) lines.push(`${f.label}：${f.value}`);
  for (const o of e.operands) lines.push(`${o.label} = ${o.display}`);
  for (const x of e.excluded) lines.push(`未计入：${x.name}（${x.reason}）`);
  if (e.inputs.length) {
    lines.push('', table([...INPUT_HEADER], e.inputs.map(inputRow)));
  }
  return lines.join('\n');
}

export const explainCommand: CommandDef = {
  name: 'explain',
  summary: '说明一个指标数值的来源：定义、公式、可比口径，以及参与计算的每个报送数（文件、工作表、单元格、版本、收到日期）',
  usage: 'explain --region ankang|bishan --quarter 2025Q4 --indicator ID [--institution CODE] [--member CHAIN_OR_COUNTY] [--json]',
  options: { region: 'string', quarter: 'string', indicator: 'string', institution: 'string', member: 'string' },
  run: async ({ handlers, io, json, args }) => {
    const institution = opt(args, 'institution');
    const member = opt(args, 'member');
    const r = await handlers()['figure.explain'](
      {
        kind: 'indicator',
        region: required(args, 'region'),
        quarter: required(args, 'quarter'),
        indicator: required(args, 'indicator'),
        ...(institution ? { institution } : {}),
        ...(member ? { member } : {}),
      },
      {},
    );
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else io.out(explanationText(r.value));
    return 0;
  },
};
