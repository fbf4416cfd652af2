/** Handlers of the 任务台账 (measures ledger). */
import { resolve } from 'node:path';
import type { LedgerApi } from '../../api/contract';
import type { LedgerQuery, LedgerRow } from '../../api/ledger-types';
import type { DB } from '../db/database';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { addLedgerAttachment, exportLedger, ledgerMeasure, listLedger, removeLedgerAttachment, setLedgerEntry } from '../ledger';
import { failure } from '../../domain/result';
import { regionOrFail } from './registry';

/** The measure's row as the ledger lists it now (after a change). */
function rowOf(db: DB, measure: string, year: number): LedgerRow {
  const { doc } = ledgerMeasure(measure);
  const row = listLedger(db, { region: doc.region, year }).rows.find((r) => r.id === measure);
  if (!row) throw failure('E_LEDGER_MEASURE', { id: measure });
  return row;
}

export function ledgerHandlers(ctx: ServiceContext): ImplTable<keyof LedgerApi> {
  const query = (a: LedgerQuery): LedgerQuery & { region: string } => {
    const region = a.region ? regionOrFail(ctx, a.region) : 'ankang';
    return { ...a, region };
  };
  return {
    'ledger.list': (a) => listLedger(ctx.db, query(a)),
    'ledger.set': (a) => {
      setLedgerEntry(ctx.db, a);
      return rowOf(ctx.db, a.measure, a.year);
    },
    'ledger.attach': (a) => {
      addLedgerAttachment(ctx.db, a);
      return rowOf(ctx.db, a.measure, a.year);
    },
    'ledger.detach': (a) => {
      const { measure, year } = removeLedgerAttachment(ctx.db, a.attachmentId);
      return rowOf(ctx.db, measure, year);
    },
    'ledger.export': async (a) => {
      const q = query(a);
      const listing = listLedger(ctx.db, q);
      const supervisor = (ctx.db.prepare('SELECT supervisor FROM regions WHERE code = ?').get(q.region) as { supervisor: string }).supervisor;
      const filters = [a.responsible && `责任单位：${a.responsible}`, a.status && `状态：${a.status}`].filter(Boolean).join('，');
      const format = a.format ?? (/\.docx$/i.test(a.out) ? 'docx' : 'xlsx');
      const path = await exportLedger(resolve(a.out), listing, { filters, format, issuer: supervisor });
      return { path, rows: listing.rows.length };
    },
  };
}

