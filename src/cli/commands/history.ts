/** history-import: past quarters from an analyst's own summary sheet, as 补录 submissions. */
import { writeFileSync } from 'node:fs';
import { readRegularText } from '../../services/files/inputs';
import { resolveOutput } from '../../services/files/outputs';
import { parseJsonText } from '../../domain/text/jsonError';
import type { CommandDef } from '../command';
import { CliUsageError, flag, opt, optNumber, required } from '../args';
import type { CliIO } from '../io';
import { printJson, reportFailure, table } from '../io';
import type { HistoryImportResult, WideMapping } from '../../api/history-types';

/** A mapping file: {"<sheet>": WideMapping}, as --write-mapping writes it. */
function mappingsFrom(path: string): Record<string, WideMapping> {
  const parsed = parseJsonText(readRegularText(path, { what: '列对应关系文件', maxBytes: 5 * 1024 * 1024 }));
  if (!parsed.ok) throw new CliUsageError(`列对应关系文件「${path}」不是有效的 JSON：${parsed.problem}。`);
  const v = parsed.value;
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new CliUsageError(`列对应关系文件「${path}」应为 {"工作表名": {"institutionColumn": …, "columns": […]}}。`);
  return v as Record<string, WideMapping>;
}

const OUTCOME = { new: '新增', updated: '新版本', unchanged: '无变化', report: '已有正式报表，未采用' } as const;

function where(r: HistoryImportResult, i: { sheet: string | null; cell: string | null }): string {
  return `${r.file}${i.sheet ? ` ${i.sheet}${i.cell ? `!${i.cell}` : ''}` : ''}`;
}

function printResult(io: CliIO, r: HistoryImportResult): void {
  for (const s of r.sheets) {
    if (s.layout === 'none') continue;
    if (s.layout === 'long') {
      io.out(`工作表「${s.sheet}」：逐行格式（机构、报告期、字段、成员、数值），${s.values} 个数值。`);
      continue;
    }
    const src = { given: '按列对应关系文件', remembered: '按已记住的版式', proposed: '系统推测，待确认' } as const;
    io.out(`工作表「${s.sheet}」：汇总表格式（版式 ${s.fingerprint ?? ''}，${s.mappingSource ? src[s.mappingSource] : ''}），${s.values} 个数值。`);
    if (s.titles.length > 0) io.out(`  表题：${s.titles.join('；')}`);
    if (s.mapping) io.out(`  机构列 ${s.mapping.institutionColumn}，表头行 ${s.mapping.headerRows.join('、')}，数据自第 ${s.mapping.firstDataRow} 行起`);
    io.out(
      table(
        ['列', '表头', '字段', '成员', '报告期', '数值个数', '示例'],
        s.columns.map((c) => [c.column, c.header, c.field ? `${c.fieldLabel ?? ''}（${c.field}）` : '不导入', c.memberName ?? '', c.quarter ?? '', c.count, c.samples.join('；')]),
      ),
    );
  }
  for (const e of r.errors) io.out(`    错误  ${where(r, e)}：${e.message}（${e.code}）`);
  for (const n of r.notes) io.out(`    提示  ${where(r, n)}：${n.message}`);
  if (r.groups.length > 0) {
    io.out(
      table(
        ['机构', '报告期', '数值', '更正', '结果', '报送记录'],
        r.groups.map((g) => [`${g.institution} ${g.institutionName}`, g.quarter, g.values, g.changed, OUTCOME[g.outcome], g.submissionId !== null ? `${g.submissionId}${g.version !== null ? ` 第${g.version}版` : ''}` : '']),
      ),
    );
  }
}

export const historyImportCommand: CommandDef = {
  name: 'history-import',
  summary: '历史数据补录：从分析人员自己的汇总表导入往年各季度数据（逐行或汇总表格式），作为补录保存，正式报表到达后被替换',
  usage:
    'history-import FILE [--dry-run] [--mapping MAPPING.json] [--accept-mapping] [--write-mapping MAPPING.json] [--json]\n' +
    '  逐行格式：表头 机构、报告期、字段、成员、数值；汇总表格式（机构在左，项目或季度在上，可合并表头）先预览列对应关系，\n' +
    '  用 --accept-mapping 确认系统推测的对应关系，或用 --write-mapping 写出后修改、再以 --mapping 导入；确认过的版式会被记住。',
  options: { 'dry-run': 'boolean', 'accept-mapping': 'boolean', mapping: 'string', 'write-mapping': 'string' },
  positionals: true,
  run: async ({ handlers, io, json, args, dbPath }) => {
    const [path, ...rest] = args.positionals;
    if (!path) throw new CliUsageError('请指定要导入的历史数据文件。');
    if (rest.length > 0) throw new CliUsageError(`一次导入一个历史数据文件（多给了「${rest.join('」「')}」）。`);
    const mapping = opt(args, 'mapping');
    const writeTo = opt(args, 'write-mapping');
    // Like every --out: never onto the database, its journal or its backups.
    const writeMapping = writeTo !== undefined ? resolveOutput(dbPath, writeTo) : undefined;
    const dryRun = flag(args, 'dry-run') || writeMapping !== undefined;
    const r = await handlers()['historyData.import'](
      { path, dryRun, ...(mapping ? { mappings: mappingsFrom(mapping) } : {}), ...(flag(args, 'accept-mapping') ? { acceptProposed: true } : {}) },
      {},
    );
    if (!r.ok) return reportFailure(io, r, json);
    const s = r.value;
    if (writeMapping) {
      const out: Record<string, WideMapping> = {};
      for (const sh of s.sheets) if (sh.mapping) out[sh.sheet] = sh.mapping;
      writeFileSync(writeMapping, `${JSON.stringify(out, null, 2)}\n`);
    }
    if (json) printJson(io, s);
    else {
      if (dryRun) io.out('预检模式：只检查，不写入数据库。');
      printResult(io, s);
      if (writeMapping) io.out(`已写出列对应关系：${writeMapping}（核对、修改后用 --mapping ${writeMapping} 导入）。`);
      const stored = s.groups.filter((g) => g.outcome === 'new' || g.outcome === 'updated');
      if (s.status === 'rejected') io.out(`未导入：文件有 ${s.errors.length} 处错误，数据库未作任何改动。`);
      else if (s.status === 'needsMapping') io.out('未导入：汇总表的列对应关系需要确认。核对上表后加 --accept-mapping 导入，或用 --write-mapping 写出、修改后以 --mapping 导入。');
      else if (dryRun) io.out(`可导入：${s.valueCount} 个数值，${stored.length} 个机构季度将保存为补录。`);
      else if (stored.length === 0) io.out(`没有需要保存的改动：这 ${s.valueCount} 个数值已经保存过，或所在季度已有正式报表。`);
      else
        io.out(
          `已导入：${s.valueCount} 个数值，${stored.length} 个机构季度保存为补录（不计按时或逾期）${s.batchId !== null ? `，导入批次 ${s.batchId}（可用 rollback --batch ${s.batchId} 撤销）` : ''}。`,
        );
    }
    return s.status === 'rejected' ? 2 : s.status === 'needsMapping' ? 3 : 0;
  },
};

export const targetPriorCommand: CommandDef = {
  name: 'target-prior',
  summary: '目标的往年数：没有报表明细的年份（或进度起点），由分析人员录入金额并注明来源，目标计算和数据来源使用它',
  usage:
    'target-prior [--json]\n' +
    'target-prior --target ID --period 2021-2024 --amount 万元 --source 来源 [--json]\n' +
    'target-prior --clear ID [--json]',
  options: { target: 'string', period: 'string', amount: 'string', source: 'string', clear: 'string' },
  readsOnly: (a) => opt(a, 'target') === undefined && opt(a, 'clear') === undefined,
  run: async ({ handlers, io, json, args }) => {
    const h = handlers();
    const clear = opt(args, 'clear');
    const target = opt(args, 'target');
    if (clear) {
      const r = await h['targets.clearPrior']({ target: clear }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已删除目标「${clear}」的往年数。`);
      return 0;
    }
    if (target) {
      const amount = optNumber(args, 'amount');
      if (amount === undefined) throw new CliUsageError('缺少参数 --amount（万元）。');
      const r = await h['targets.setPrior']({ target, period: required(args, 'period'), amount, source: required(args, 'source') }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已录入目标「${target}」的往年数：${r.value.period} ${r.value.amount} 万元，来源：${r.value.source}。`);
      return 0;
    }
    const r = await h['targets.priors']({}, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else if (r.value.length === 0) io.out('尚未录入任何目标的往年数。');
    else io.out(table(['目标', '期间', '金额（万元）', '来源', '录入人', '录入时间'], r.value.map((p) => [p.target, p.period, p.amount, p.source, p.enteredBy, p.enteredAt])));
    return 0;
  },
};
