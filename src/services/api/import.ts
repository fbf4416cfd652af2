/** Handlers for importing report files, their history, batches, the status matrix and the value dump. */
import type { ImportApi } from '../../api/contract';
import { importOptions, type ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { fail } from '../../domain/result';
import { assertIntactForWriting } from '../db/database';
import { importFiles } from '../import/importFiles';
import { getSubmission, listHistory, restoreSubmission } from '../import/submissions';
import { getBatch, listBatches, rollbackBatch } from '../import/batches';
import { backupBeforeDestructive } from '../backup/backup';
import { exportStatusMatrix } from '../import/statusExport';
import { statusMatrix } from '../import/status';
import { dumpValues } from '../import/dump';
import { resolveInstitution } from '../registry/institutions';
import { parseQuarter, quarterId } from '../../domain/quarter';
import { regionOrFail } from './registry';

export function importHandlers(ctx: ServiceContext): ImplTable<keyof ImportApi> {
  return {
    'import.files': (args, call) => {
      if (!Array.isArray(args.paths) || args.paths.length === 0) fail('E_NO_FILES', {});
      // Nothing is written into a damaged database (a dry run writes nothing and may go ahead).
      if (!args.dryRun) assertIntactForWriting(ctx.db);
      return importFiles(ctx.db, args, call, importOptions(ctx));
    },
    'status.matrix': (args) => statusMatrix(ctx.db, { ...args, ...(args.region ? { region: regionOrFail(ctx, args.region) } : {}) }),
    'status.export': ({ out, ...query }) => exportStatusMatrix(ctx.db, { ...query, ...(query.region ? { region: regionOrFail(ctx, query.region) } : {}) }, out),
    'data.dump': (args) => dumpValues(ctx.db, args.quarter, args.institution),
    'history.list': (args) => {
      const inst = resolveInstitution(ctx.db, args.institution);
      if (!inst) fail('E_INSTITUTION_UNKNOWN', { institution: args.institution });
      const q = parseQuarter(args.quarter);
      if (!q) fail('E_QUARTER_INVALID', { what: '报告期', quarter: args.quarter });
      return listHistory(ctx.db, inst.code, quarterId(q));
    },
    'history.restore': (args) => {
      // A backup first, but only for a restore that will go ahead (the service refuses the rest).
      if (getSubmission(ctx.db, args.submissionId)?.status === 'superseded') backupBeforeDestructive(ctx, `恢复报送记录${args.submissionId}前`);
      return restoreSubmission(ctx.db, args.submissionId);
    },
    'batch.list': (args) => listBatches(ctx.db, args.limit),
    'batch.rollback': (args) => {
      if (getBatch(ctx.db, args.batchId)?.status === 'committed') backupBeforeDestructive(ctx, `撤销导入批次${args.batchId}前`);
      return rollbackBatch(ctx.db, args.batchId);
    },
  };
}
