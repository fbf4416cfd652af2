/** ledger: the 任务台账 — the seeds' measures, their status per year, notes, attachments and live figures. */
import type { CommandDef } from '../command';
import { CliUsageError, opt, optNumber, required } from '../args';
import { printJson, reportFailure, table } from '../io';
import { LEDGER_STATUSES, type LedgerStatus } from '../../api/ledger-types';

function yearOf(v: string): number {
  const y = Number(v);
  if (!Number.isInteger(y) || y < 2000 || y > 2100) throw new CliUsageError(`--year 应为四位年份，收到「${v}」。`);
  return y;
}

function statusOf(v: string | undefined): LedgerStatus | undefined {
  if (v === undefined) return undefined;
  if (!(LEDGER_STATUSES as readonly string[]).includes(v)) throw new CliUsageError(`--status 应为 ${LEDGER_STATUSES.join('、')} 之一，收到「${v}」。`);
  return v as LedgerStatus;
}

export const ledgerCommand: CommandDef = {
  name: 'ledger',
  summary: '任务台账：政策文件各项措施的责任单位、年度进展状态、说明、附件和数据佐证；可导出 Excel 或 Word',
  usage:
    'ledger --year 2025 [--region ankang|bishan] [--quarter 2025Q3] [--responsible 人行江津中心支行] [--status 推进中] [--json] [--out FILE.xlsx|FILE.docx] | ledger --measure bs-17 --year 2025 [--unit 璧城街道] [--status 已完成] [--notes 说明] | ledger --measure bs-17 --year 2025 --attach 附件名 [--note 说明] | ledger --detach ID',
  options: { year: 'string', region: 'string', quarter: 'string', responsible: 'string', status: 'string', out: 'string', measure: 'string', unit: 'string', notes: 'string', attach: 'string', note: 'string', detach: 'string' },
  readsOnly: (a) => opt(a, 'measure') === undefined && opt(a, 'detach') === undefined,
  run: async ({ handlers, io, json, args }) => {
    const h = handlers();
    const detach = optNumber(args, 'detach');
    if (detach !== undefined) {
      const r = await h['ledger.detach']({ attachmentId: detach }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已移除附件（${r.value.label} ${r.value.title}）。`);
      return 0;
    }
    const year = yearOf(required(args, 'year'));
    const set = opt(args, 'measure');
    const attach = opt(args, 'attach');
    if (set && attach) {
      const note = opt(args, 'note');
      const unit = opt(args, 'unit');
      const r = await h['ledger.attach']({ measure: set, year, name: attach, ...(unit ? { unit } : {}), ...(note ? { note } : {}) }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已登记附件：${r.value.entry.attachments.map((a) => `${a.id} ${a.name}`).join('；')}`);
      return 0;
    }
    if (set) {
      const status = statusOf(opt(args, 'status'));
      const notes = opt(args, 'notes');
      const unit = opt(args, 'unit');
      const r = await h['ledger.set']({ measure: set, year, ...(unit ? { unit } : {}), ...(status ? { status } : {}), ...(notes !== undefined ? { notes } : {}) }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已记录${r.value.label} ${r.value.title}（${year}年${unit ? `，${unit}` : ''}）：${unit ? (r.value.towns.find((t) => t.unit === unit || t.unitName === unit)?.status ?? '') : r.value.entry.status}。`);
      return 0;
    }
    const region = opt(args, 'region');
    const quarter = opt(args, 'quarter');
    const responsible = opt(args, 'responsible');
    const status = statusOf(opt(args, 'status'));
    const out = opt(args, 'out');
    const q = { year, ...(region ? { region } : {}), ...(quarter ? { quarter } : {}), ...(responsible ? { responsible } : {}), ...(status ? { status } : {}) };
    if (out) {
      const format = /\.docx$/i.test(out) ? 'docx' : /\.xlsx$/i.test(out) ? 'xlsx' : null;
      if (!format) throw new CliUsageError(`--out 的文件应以 .xlsx 或 .docx 结尾，收到「${out}」。`);
      const r = await h['ledger.export']({ ...q, out, format }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已导出 ${r.value.rows} 项措施：${r.value.path}`);
      return 0;
    }
    const r = await h['ledger.list'](q, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else {
      const l = r.value;
      io.out(`${l.regionName}任务台账（${l.year}年，${l.source}）${l.quarter ? `，数据截至 ${l.quarter}` : '，本年度尚无报表'}`);
      io.out(
        table(
          ['编号', '措施', '责任单位', '状态', '数据佐证', '附件'],
          l.rows.map((x) => [x.label, x.title, x.responsible.join('、'), x.entry.status, x.evidence.map((e) => `${e.label}：${e.display}`).join('；'), String(x.entry.attachments.length)]),
        ),
      );
      io.out(LEDGER_STATUSES.map((s) => `${s} ${l.counts[s]} 项`).join('，'));
    }
    return 0;
  },
};
