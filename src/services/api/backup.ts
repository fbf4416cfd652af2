/** Handlers for backups: take one, list them, set how many are kept, restore one. */
import type { BackupApi } from '../../api/contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { createBackup, listBackups, restoreBackup, setBackupKeep } from '../backup/backup';

export function backupHandlers(ctx: ServiceContext): ImplTable<keyof BackupApi> {
  return {
    'backup.create': (args) => createBackup(ctx, args.reason),
    'backup.list': () => listBackups(ctx),
    'backup.setKeep': (args) => setBackupKeep(ctx, args.keep),
    'backup.restore': (args) => restoreBackup(ctx, args.file),
  };
}
