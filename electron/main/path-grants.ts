/**
 * Which file paths the renderer may hand to the services. The page is the part
 * of the app that shows content from outside (reports, names, texts): were it
 * ever compromised, it must not be able to make the services write
 * `~/.ssh/authorized_keys` or read any file it likes. So main relays only paths
 * that came from this session's own dialogs, from a drop onto the window, or
 * from the services' own answers (the backups they listed):
 *
 * - a file chosen in an open dialog (or the menu's 导入报表…), or dropped: read;
 * - a file chosen in a save dialog: written;
 * - a folder chosen: everything inside it read (import a folder) and written
 *   (charts into it, the report pack); never anything outside it (`..` resolved);
 * - a backup the services listed: restored.
 *
 * Each method's path arguments are declared in PATH_ARGS, a table over every
 * method of the contract, so a method added later cannot carry a path unchecked.
 *
 * A drop is reported by the preload (webUtils.getPathForFile works only on a real
 * File from a real drop or file input): a page script cannot forge one; a renderer
 * process compromised below the page could, which is why a drop grants reading only.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import type { Method } from '../../src/api/contract';
import { appErrorOf, type AppError } from '../../src/domain/result';

type Access = 'read' | 'write' | 'folder' | 'backup';

interface PathArg {
  field: string;
  access: Access;
  /** The field holds a list of paths. */
  list?: boolean;
}

/** Every method of the service table and the paths it takes (none for most). */
export const PATH_ARGS: { readonly [M in Method]: readonly PathArg[] } = {
  'app.info': [],
  'data.revision': [],
  'data.latestQuarter': [],
  'settings.localUser': [],
  'settings.setLocalUser': [],
  'db.integrity': [],
  'registry.regions': [],
  'registry.institutions': [],
  'registry.saveInstitution': [],
  'registry.makeReal': [],
  'catalogue.fields': [],
  'catalogue.rules': [],
  'registry.saveUnit': [],
  'figure.explain': [],
  'report.view': [],
  'report.diff': [],
  'template.generate': [{ field: 'out', access: 'write' }],
  'sample.generate': [{ field: 'out', access: 'folder' }],
  'sample.load': [{ field: 'out', access: 'folder' }],
  'import.files': [{ field: 'paths', access: 'read', list: true }],
  'historyData.import': [{ field: 'path', access: 'read' }],
  'historyData.layouts': [],
  'targets.priors': [],
  'targets.setPrior': [],
  'targets.clearPrior': [],
  'status.matrix': [],
  'status.export': [{ field: 'out', access: 'write' }],
  'data.dump': [],
  'history.list': [],
  'history.restore': [],
  'batch.list': [],
  'batch.rollback': [],
  'calendar.year': [],
  'calendar.setDay': [],
  'deadlines.list': [],
  'deadlines.set': [],
  'backup.create': [],
  'backup.list': [],
  'backup.setKeep': [],
  'backup.restore': [{ field: 'file', access: 'backup' }],
  'charts.list': [],
  'charts.option': [],
  'charts.export': [{ field: 'out', access: 'write' }],
  'charts.image': [],
  'charts.pack': [{ field: 'out', access: 'folder' }],
  'indicators.catalogue': [],
  'indicators.compute': [],
  'assessment.schemes': [],
  'assessment.scheme': [],
  'assessment.exportScheme': [{ field: 'out', access: 'write' }],
  'assessment.importScheme': [{ field: 'path', access: 'read' }],
  'assessment.saveScheme': [],
  'assessment.score': [],
  'assessment.whatIf': [],
  'assessment.exportScores': [{ field: 'out', access: 'write' }],
  'assessment.qualitative': [],
  'assessment.setQualitative': [],
  'assessment.setQualitativeMany': [],
  'assessment.qualitativeGrid': [],
  'assessment.exportQualitativeGrid': [{ field: 'out', access: 'write' }],
  'assessment.importQualitativeGrid': [{ field: 'path', access: 'read' }],
  'progress.table': [],
  'progress.export': [{ field: 'out', access: 'write' }],
  'progress.targets': [],
  'progress.setTarget': [],
  'progress.importTargets': [{ field: 'path', access: 'read' }],
  'progress.measures': [],
  'progress.settings': [],
  'progress.setSettings': [],
  'targets.evaluate': [],
  'targets.add': [],
  'targets.remove': [],
  'targets.export': [{ field: 'out', access: 'write' }],
  'ledger.list': [],
  'ledger.set': [],
  'ledger.attach': [],
  'ledger.detach': [],
  'ledger.export': [{ field: 'out', access: 'write' }],
  'coverage.facts': [],
  'coverage.setFact': [],
  'coverage.status': [],
  'coverage.list': [],
  'coverage.add': [],
  'coverage.remove': [],
  'coverage.import': [{ field: 'path', access: 'read' }],
  'texts.list': [],
  'audit.list': [],
  'audit.export': [{ field: 'out', access: 'write' }],
  'table.export': [{ field: 'out', access: 'write' }],
  'returns.list': [],
  'returns.notice': [{ field: 'out', access: 'write' }],
  'status.chaseNotice': [{ field: 'out', access: 'write' }],
  'pricing.table': [],
  'pricing.export': [{ field: 'out', access: 'write' }],
  'pricing.lpr': [],
  'pdf.save': [{ field: 'out', access: 'write' }],
  'pricing.lprAdd': [],
  'pricing.lprRemove': [],
};

function key(p: string): string {
  const r = resolve(p);
  return process.platform === 'win32' || process.platform === 'darwin' ? r.toLowerCase() : r;
}

function inside(child: string, folder: string): boolean {
  const r = relative(folder, child);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

export class PathGrants {
  private readonly readable = new Set<string>();
  private readonly writable = new Set<string>();
  private readonly folders = new Set<string>();
  private readonly backups = new Set<string>();

  /** Files chosen in an open dialog or dropped onto the window. */
  grantRead(paths: readonly string[]): void {
    for (const p of paths) if (isAbsolute(p)) this.readable.add(key(p));
  }

  /** A file chosen in a save dialog. */
  grantWrite(path: string): void {
    if (isAbsolute(path)) this.writable.add(key(path));
  }

  /** A folder chosen in a dialog: read and written inside, never outside. */
  grantFolder(path: string): void {
    if (isAbsolute(path)) this.folders.add(key(path));
  }

  /** The backups the services listed (or just made). */
  grantBackups(paths: readonly string[]): void {
    for (const p of paths) if (isAbsolute(p)) this.backups.add(key(p));
  }

  private inFolder(k: string): boolean {
    for (const f of this.folders) if (inside(k, f)) return true;
    return false;
  }

  allows(access: Access, path: string): boolean {
    if (!isAbsolute(path)) return false;
    const k = key(path);
    switch (access) {
      case 'read':
        return this.readable.has(k) || this.inFolder(k);
      case 'write':
        return this.writable.has(k) || this.inFolder(k);
      case 'folder':
        return this.inFolder(k);
      case 'backup':
        return this.backups.has(k) || this.readable.has(k);
    }
  }

  /**
   * Why the call's paths may not be relayed (null when they may). Only the file's name
   * is told: the page learns nothing about the rest of the disk.
   */
  problem(method: string, args: unknown): AppError | null {
    const spec = (PATH_ARGS as Readonly<Record<string, readonly PathArg[] | undefined>>)[method] ?? [];
    const fields = args as Record<string, unknown>;
    for (const arg of spec) {
      const value = fields[arg.field];
      if (value === undefined) continue;
      const paths = arg.list ? value : [value];
      if (!Array.isArray(paths) || !paths.every((p): p is string => typeof p === 'string')) {
        return appErrorOf('E_IPC_INVALID', { method, problem: '文件路径参数无效' });
      }
      for (const p of paths) {
        if (!this.allows(arg.access, p)) return refusal(arg.access, p);
      }
    }
    return null;
  }
}

function refusal(access: Access, path: string): AppError {
  const name = path.replace(/\\/g, '/').split('/').filter(Boolean).pop() ?? '';
  const what = access === 'read' || access === 'backup' ? '读取' : '写入';
  return appErrorOf('E_PATH_NOT_CHOSEN', { name, what });
}
