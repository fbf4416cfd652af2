/** texts: the banks' texts (文字材料) by quarter, bank and kind, and full-text search across all quarters. */
import type { CommandDef } from '../command';
import { opt, optNumber } from '../args';
import { printJson, reportFailure } from '../io';

export const textsCommand: CommandDef = {
  name: 'texts',
  summary: '文字材料：各机构报送的工作开展情况、存在问题、政策建议、典型案例，按季度、机构、类别查看，全部季度全文检索（每个词都须出现）',
  usage: 'texts [--region ankang|bishan] [--quarter 2025Q3 | --from 2024Q1 --to 2025Q4] [--institution CODE] [--kind 存在问题] [--search 魔芋 贷款] [--limit 300] [--json]',
  options: { region: 'string', quarter: 'string', from: 'string', to: 'string', institution: 'string', kind: 'string', search: 'string', limit: 'string' },
  readsOnly: () => true,
  run: async ({ handlers, io, json, args }) => {
    const pick = (k: string): Record<string, string> => {
      const v = opt(args, k);
      return v !== undefined && v !== '' ? { [k]: v } : {};
    };
    const limit = optNumber(args, 'limit');
    const r = await handlers()['texts.list'](
      { ...pick('region'), ...pick('quarter'), ...pick('from'), ...pick('to'), ...pick('institution'), ...pick('kind'), ...pick('search'), ...(limit !== undefined ? { limit } : {}) },
      {},
    );
    if (!r.ok) return reportFailure(io, r, json);
    const l = r.value;
    if (json) {
      printJson(io, l);
      return 0;
    }
    const how = l.terms.map((t) => `「${t.term}」${t.via === 'index' ? '' : '（少于3个字，逐条比对）'}`).join('、');
    io.out(`${how ? `检索 ${how}：` : ''}共 ${l.total} 条${l.total > l.entries.length ? `，列出前 ${l.entries.length} 条` : ''}。`);
    for (const e of l.entries) {
      io.out(`\n【${e.institutionName} · ${e.quarterLabel} · ${e.kindLabel}】 ${e.sheet}!${e.cell}，第${e.version}版`);
      io.out(e.text);
    }
    return 0;
  },
};
