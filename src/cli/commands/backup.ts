/** backup · backups · restore */
import type { CommandDef } from '../command';
import { opt, optNumber, required } from '../args';
import { printJson, reportFailure, table } from '../io';
import type { BackupInfo } from '../../api/types';

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The backup's time in the analyst's local time zone, to the second. */
function localTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function backupLine(b: BackupInfo): string {
  return `${b.file}（${sizeText(b.size)}，${b.reason}）`;
}

export const backupCommand: CommandDef = {
  name: 'backup',
  summary: '立即备份数据库到数据文件夹下的 backups/（文件名含时间和原因；只保留最近 N 份）',
  usage: 'backup [--reason TEXT] [--db PATH] [--json]',
  options: { reason: 'string' },
  run: async ({ handlers, io, json, args }) => {
    const reason = opt(args, 'reason');
    const r = await handlers()['backup.create'](reason ? { reason } : {}, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else io.out(`已备份：${backupLine(r.value)}`);
    return 0;
  },
};

export const backupsCommand: CommandDef = {
  name: 'backups',
  summary: '列出全部备份（最新的在前）；--keep N 设置保留份数（默认 20）',
  usage: 'backups [--keep N] [--db PATH] [--json]',
  options: { keep: 'string' },
  readsOnly: (a) => opt(a, 'keep') === undefined,
  run: async ({ handlers, io, json, args }) => {
    const keep = optNumber(args, 'keep');
    const r = keep === undefined ? await handlers()['backup.list']({}, {}) : await handlers()['backup.setKeep']({ keep }, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) {
      printJson(io, r.value);
      return 0;
    }
    io.out(`备份文件夹：${r.value.dir}（保留最近 ${r.value.keep} 份，现有 ${r.value.backups.length} 份）`);
    if (r.value.backups.length > 0) {
      io.out(
        table(
          ['时间', '原因', '大小', '结构版本', '文件'],
          r.value.backups.map((b) => [localTime(b.createdAt), b.reason, sizeText(b.size), b.schemaVersion, b.name]),
        ),
      );
    }
    return 0;
  },
};

export const restoreCommand: CommandDef = {
  name: 'restore',
  summary: '用备份文件恢复数据库（先检查备份完整性，并先备份当前数据，恢复本身也可撤销）',
  usage: 'restore --backup FILE [--db PATH] [--json]',
  options: { backup: 'string' },
  run: async ({ handlers, io, json, args }) => {
    const file = required(args, 'backup');
    const r = await handlers()['backup.restore']({ file }, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else io.out(`已从备份恢复：${r.value.restored.name}\n恢复前的数据已另存为：${backupLine(r.value.safetyBackup)}`);
    return 0;
  },
};
