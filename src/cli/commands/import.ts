/** import · status · dump · history · rollback · batches */
import { institutionDisplayName } from '../../domain/catalogue/exampleName';
import { readRegularText } from '../../services/files/inputs';
import { parseJsonText } from '../../domain/text/jsonError';
import type { CommandDef } from '../command';
import { CliUsageError, flag, opt, optAll, optNumber, required } from '../args';
import type { CliIO } from '../io';
import { printJson, reportFailure, table } from '../io';
import type { FileAck, FileImportResult, IssueRef, StatusMatrix } from '../../api/types';
import { issueKey } from '../../domain/import/issueKey';
import { ANY_FILE } from '../../services/import/acks';
import { formatLocalDateTime } from '../../domain/present/time';

function where(file: string, i: IssueRef): string {
  const at = i.sheet ? `${i.sheet}${i.cell ? `!${i.cell}` : ''}` : '';
  return at ? `${file} ${at}` : file;
}

const ACK_LABEL = { confirm: '需确认', explain: '需说明' } as const;
const BASIS_LABEL = { today: '今天', batch: '--received', file: '按文件', mtime: '文件修改日期' } as const;

/** The arrival date a file was judged with, when it is not simply today's. */
function arrival(f: FileImportResult): string {
  if (!f.receivedDate || !f.receivedBasis || f.receivedBasis === 'today') return '';
  return `  收到 ${f.receivedDate}（${BASIS_LABEL[f.receivedBasis]}${f.deadline ? `，截止 ${f.deadline}` : ''}）`;
}

function printFile(io: CliIO, f: FileImportResult, dryRun: boolean): void {
  if (f.status === 'held') {
    io.out(`待确认  ${f.file}  ${`${f.institution ?? ''} ${f.institutionName ?? ''} ${f.quarter ?? ''}`.trim()}（未导入：有警告需要确认或说明）  SHA-256 ${f.sha256 ?? ''}`);
  } else if (f.status === 'accepted') {
    const who = `${f.institution ?? ''} ${f.institutionName ?? ''} ${f.quarter ?? ''}`.trim();
    const version = f.version !== null ? ` 第${f.version}版${f.version > 1 ? '（重报）' : ''}` : '';
    const id = f.submissionId !== null ? ` 报送记录 ${f.submissionId}` : '';
    io.out(`${dryRun ? '可接收' : '已接收'}  ${f.file}  ${who}${version}${id}${f.kind === 'backfill' ? ' 【补录】' : f.late ? ' 【逾期】' : ''}${arrival(f)}`);
  } else {
    io.out(`${dryRun ? '将拒收' : '已拒收'}  ${f.file}${f.institution ? `  ${f.institution} ${f.quarter ?? ''}` : ''}`);
  }
  for (const e of f.errors) io.out(`    错误  ${where(f.file, e)}：${e.message}（${e.code}）`);
  const undecided = new Set(f.undecided);
  const decided = new Map(f.decisions.map((d) => [d.key, d]));
  for (const w of f.warnings) {
    const key = w.ack ? issueKey(w) : null;
    if (key && undecided.has(key) && w.ack) io.out(`    ${ACK_LABEL[w.ack]}  ${key}  ${where(f.file, w)}：${w.message}`);
    else if (key && decided.has(key)) io.out(`    已${w.ack === 'explain' ? '说明' : '确认'}  ${where(f.file, w)}：${w.message}（${decided.get(key)?.text ?? ''}）`);
    else io.out(`    警告  ${where(f.file, w)}：${w.message}`);
  }
  for (const n of f.notes) io.out(`    提示  ${where(f.file, n)}：${n.message}`);
}

/**
 * Arrival dates per file from a JSON file: a sample set's manifest
 * ({files: [{file, receivedDate}]}) or a plain {"file name or path": "YYYY-MM-DD"} map.
 */
export function receivedDatesFrom(path: string): Record<string, string> {
  const parsed = parseJsonText(readRegularText(path, { what: '收到日期清单', maxBytes: 20 * 1024 * 1024 }));
  if (!parsed.ok) throw new CliUsageError(`收到日期清单「${path}」不是有效的 JSON：${parsed.problem}。`);
  const data = parsed.value;
  const out: Record<string, string> = {};
  const files = (data as { files?: unknown }).files;
  if (Array.isArray(files)) {
    for (const f of files as { file?: unknown; receivedDate?: unknown }[]) {
      if (typeof f.file === 'string' && typeof f.receivedDate === 'string') out[f.file] = f.receivedDate;
    }
  } else if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) if (typeof v === 'string') out[k] = v;
  }
  if (Object.keys(out).length === 0) throw new CliUsageError(`收到日期清单「${path}」中没有可用的日期。`);
  return out;
}

/**
 * Decisions on warnings from a JSON file: {"<SHA-256, file name or path, or *>": {"<KEY>": "说明"}},
 * the keys as `import --dry-run` lists them.
 */
export function acksFrom(path: string): Record<string, FileAck> {
  const parsed = parseJsonText(readRegularText(path, { what: '确认与说明文件', maxBytes: 20 * 1024 * 1024 }));
  if (!parsed.ok) throw new CliUsageError(`确认与说明文件「${path}」不是有效的 JSON：${parsed.problem}。`);
  // A sample set's manifest carries its 说明 under "acks".
  const whole = parsed.value as { files?: unknown; acks?: unknown } | null;
  const data = whole && typeof whole === 'object' && Array.isArray(whole.files) && whole.acks !== undefined ? whole.acks : parsed.value;
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new CliUsageError(`确认与说明文件「${path}」应为 {"文件名或SHA-256": {"警告代码": "说明"}}。`);
  const out: Record<string, FileAck> = {};
  for (const [file, ack] of Object.entries(data)) {
    if (!ack || typeof ack !== 'object' || Array.isArray(ack)) throw new CliUsageError(`确认与说明文件「${path}」中「${file}」应为 {"警告代码": "说明"}。`);
    const entry: FileAck = {};
    for (const [key, text] of Object.entries(ack as Record<string, unknown>)) {
      if (typeof text !== 'string') throw new CliUsageError(`确认与说明文件「${path}」中「${file}」的「${key}」应为文字。`);
      entry[key] = text;
    }
    out[file] = entry;
  }
  return out;
}

/** --explain KEY=说明 (repeatable): decisions for whichever file of this import has that warning. */
function explainArgs(values: readonly string[]): FileAck {
  const out: FileAck = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0 || !v.slice(eq + 1).trim()) throw new CliUsageError(`参数 --explain 应写作 --explain 警告代码=说明，收到「${v}」。`);
    out[v.slice(0, eq).trim()] = v.slice(eq + 1).trim();
  }
  return out;
}

export const importCommand: CommandDef = {
  name: 'import',
  summary: '导入报表文件或文件夹（.xlsx/.xls/.et/.ods/.csv）；逐个文件接收或拒收，并列出全部错误和警告',
  usage:
    'import FILES_OR_DIRS... [--dry-run] [--received YYYY-MM-DD | --received-from MANIFEST.json | --received-from-mtime] [--backfill] [--confirm] [--explain KEY=说明]... [--acks ACKS.json] [--note TEXT] [--max-mb N] [--json]',
  options: { 'dry-run': 'boolean', received: 'string', 'received-from': 'string', 'received-from-mtime': 'boolean', backfill: 'boolean', confirm: 'boolean', explain: 'string', acks: 'string', note: 'string', 'max-mb': 'string' },
  positionals: true,
  run: async ({ handlers, io, json, args }) => {
    if (args.positionals.length === 0) throw new CliUsageError('请指定要导入的文件或文件夹。');
    const received = opt(args, 'received');
    const receivedFrom = opt(args, 'received-from');
    const note = opt(args, 'note');
    const maxMb = optNumber(args, 'max-mb');
    const dryRun = flag(args, 'dry-run');
    const acksFile = opt(args, 'acks');
    const acks: Record<string, FileAck> = acksFile ? acksFrom(acksFile) : {};
    const explained = explainArgs(optAll(args, 'explain'));
    if (Object.keys(explained).length > 0) acks[ANY_FILE] = { ...(acks[ANY_FILE] ?? {}), ...explained };
    // Ctrl-C stops between files: every file already committed stays whole.
    const controller = new AbortController();
    const onSigint = (): void => {
      if (controller.signal.aborted) process.exit(130);
      io.err('正在停止：当前文件处理完后停止导入（再按一次 Ctrl-C 立即退出）。');
      controller.abort();
    };
    process.on('SIGINT', onSigint);
    const showProgress = !json && process.stderr.isTTY === true;
    let r;
    try {
      r = await handlers()['import.files'](
        {
          paths: args.positionals,
          dryRun,
          ...(received ? { receivedDate: received } : {}),
          ...(receivedFrom ? { receivedDates: receivedDatesFrom(receivedFrom) } : {}),
          ...(note ? { note } : {}),
          ...(maxMb !== undefined ? { maxFileBytes: Math.round(maxMb * 1024 * 1024) } : {}),
          ...(Object.keys(acks).length > 0 ? { acks } : {}),
          ...(flag(args, 'confirm') ? { confirmAll: true } : {}),
          ...(flag(args, 'backfill') ? { mode: 'backfill' as const } : {}),
          ...(flag(args, 'received-from-mtime') ? { receivedFromModified: true } : {}),
        },
        {
          signal: controller.signal,
          ...(showProgress ? { onProgress: (p) => p.file && process.stderr.write(`\r正在${dryRun ? '检查' : '导入'} ${p.done + 1}/${p.total} ${p.file}\u001b[K`) } : {}),
        },
      );
    } finally {
      process.off('SIGINT', onSigint);
      if (showProgress) process.stderr.write('\r\u001b[K');
    }
    if (!r.ok) return reportFailure(io, r, json);
    const s = r.value;
    if (json) printJson(io, s);
    else {
      if (dryRun) io.out('预检模式：只检查，不写入数据库。');
      if (flag(args, 'backfill')) io.out('补录模式：作为事后补录的历史报表导入，不计按时或逾期。');
      for (const f of s.files) printFile(io, f, dryRun);
      io.out(
        `合计：${dryRun ? '可接收' : '接收'} ${s.accepted} 个，${dryRun ? '将拒收' : '拒收'} ${s.rejected} 个${s.held > 0 ? `，待确认 ${s.held} 个（未导入）` : ''}${s.batchId !== null ? `（导入批次 ${s.batchId}，可用 rollback --batch ${s.batchId} 撤销）` : ''}。`,
      );
      if (s.held > 0) {
        io.out('待确认的文件核对无误后重新导入：--confirm 确认全部「需确认」的警告；「需说明」的警告用 --explain 警告代码=说明 填写（可重复），或用 --acks 文件.json 按文件给出。');
      }
    }
    // 2: some file was refused; 3: none refused, but some wait for a decision on their warnings.
    return s.rejected > 0 ? 2 : s.held > 0 ? 3 : 0;
  },
};

function matrixTable(m: StatusMatrix): string {
  const cell = new Map(m.cells.map((c) => [`${c.institution}|${c.quarter}`, c]));
  const rows = m.institutions.map((i) => [
    i.code,
    institutionDisplayName(i),
    ...m.quarters.map((q) => {
      const c = cell.get(`${i.code}|${q}`);
      if (!c) return '';
      if (i.example && c.state === '未报') return '不计应报';
      return c.resubmissions > 0 ? `${c.state}（重报${c.resubmissions}）` : c.state;
    }),
  ]);
  const totals = m.totals.map((t) => `${t.quarter}：已报 ${t.reported}（其中逾期 ${t.late}），未报 ${t.missing}，重报 ${t.resubmitted}`);
  return `${table(['代码', '机构', ...m.quarters], rows)}\n\n${totals.join('\n')}`;
}

export const statusCommand: CommandDef = {
  name: 'status',
  summary: '报送情况矩阵：机构 × 季度（已报、逾期、未报、重报次数）',
  usage: 'status [--quarter 2025Q3 | --from 2025Q1 --to 2025Q4] [--region ankang|bishan] [--out FILE.xlsx] [--json]',
  options: { quarter: 'string', from: 'string', to: 'string', region: 'string', out: 'string' },
  readsOnly: () => true,
  run: async ({ handlers, io, json, args }) => {
    const quarter = opt(args, 'quarter');
    const from = opt(args, 'from');
    const to = opt(args, 'to');
    const region = opt(args, 'region');
    const out = opt(args, 'out');
    const query = { ...(quarter ? { quarter } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(region ? { region } : {}) };
    if (out) {
      const e = await handlers()['status.export']({ ...query, out }, {});
      if (!e.ok) return reportFailure(io, e, json);
      if (!json) io.out(`已导出报送情况表：${e.value.path}`);
    }
    const r = await handlers()['status.matrix'](query, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else io.out(matrixTable(r.value));
    return 0;
  },
};

export const dumpCommand: CommandDef = {
  name: 'dump',
  summary: '导出某季度的当前报送数据（字段、定义名称、维度成员、数值、来源工作表和单元格）',
  usage: 'dump --quarter 2025Q3 [--institution CODE] [--json]',
  options: { quarter: 'string', institution: 'string' },
  readsOnly: () => true,
  run: async ({ handlers, io, json, args }) => {
    const institution = opt(args, 'institution');
    const r = await handlers()['data.dump']({ quarter: required(args, 'quarter'), ...(institution ? { institution } : {}) }, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else io.out(table(['机构', '季度', '定义名称', '数值', '来源', '报送记录'], r.value.map((d) => [d.institution, d.quarter, d.definedName, d.value, `${d.sheet}!${d.cell}`, d.submissionId])));
    return 0;
  },
};

const STATUS_LABEL = { current: '当前', superseded: '已被替代', rolled_back: '已撤销' } as const;

export const historyCommand: CommandDef = {
  name: 'history',
  summary: '某机构某季度的全部报送版本；--restore ID 将较早的版本恢复为当前版本',
  usage: 'history --institution CODE --quarter 2025Q3 [--restore SUBMISSION_ID] [--json]',
  options: { institution: 'string', quarter: 'string', restore: 'string' },
  readsOnly: (a) => opt(a, 'restore') === undefined,
  run: async ({ handlers, io, json, args }) => {
    const restore = optNumber(args, 'restore');
    const h = handlers();
    if (restore !== undefined) {
      const rr = await h['history.restore']({ submissionId: restore }, {});
      if (!rr.ok) return reportFailure(io, rr, json);
      if (!json) io.out(`已将报送记录 ${rr.value.id}（${rr.value.institution} ${rr.value.quarter} 第${rr.value.version}版）恢复为当前版本。`);
    }
    const r = await h['history.list']({ institution: required(args, 'institution'), quarter: required(args, 'quarter') }, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else if (r.value.length === 0) io.out('没有报送记录。');
    else
      io.out(
        table(
          ['报送记录', '版本', '状态', '文件', '收到日期', '逾期', '批次', '警告'],
          r.value.map((s) => [s.id, s.version, STATUS_LABEL[s.status], s.fileName, s.receivedDate, s.kind === 'backfill' ? '补录' : s.late ? '是' : '否', s.batchId, s.warningCount]),
        ),
      );
    if (!json) {
      for (const s of r.value) {
        for (const d of s.decisions) {
          io.out(`第${s.version}版 ${d.ack === 'explain' ? '说明' : '确认'}：${d.message} —— ${d.text}（${d.by}，${formatLocalDateTime(d.at)}）`);
        }
      }
    }
    return 0;
  },
};

export const rollbackCommand: CommandDef = {
  name: 'rollback',
  summary: '撤销一个导入批次：其中的报送全部作废，被替代的上一版本恢复为当前版本',
  usage: 'rollback --batch ID [--json]',
  options: { batch: 'string' },
  run: async ({ handlers, io, json, args }) => {
    const id = optNumber(args, 'batch');
    if (id === undefined) throw new CliUsageError('缺少参数 --batch。');
    const r = await handlers()['batch.rollback']({ batchId: id }, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else io.out(`已撤销导入批次 ${r.value.id}（${r.value.accepted} 份报送作废，被替代的上一版本已恢复）。`);
    return 0;
  },
};

export const batchesCommand: CommandDef = {
  name: 'batches',
  summary: '列出导入批次（时间、文件数、接收、拒收、是否已撤销）',
  usage: 'batches [--limit N] [--json]',
  options: { limit: 'string' },
  readsOnly: () => true,
  run: async ({ handlers, io, json, args }) => {
    const limit = optNumber(args, 'limit');
    const r = await handlers()['batch.list'](limit !== undefined ? { limit } : {}, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else
      io.out(
        table(
          ['批次', '时间', '文件', '接收', '拒收', '状态', '备注'],
          r.value.map((b) => [b.id, b.createdAt, b.fileCount, b.accepted, b.rejected, b.status === 'committed' ? '有效' : `已撤销 ${b.rolledBackAt ?? ''}`, b.note]),
        ),
      );
    return 0;
  },
};
