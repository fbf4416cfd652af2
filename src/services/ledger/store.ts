/**
 * The analyst's record of each measure, per year (and per 镇街 for measures that name
 * 各镇街): a status, evidence notes and attachments by name. Every change is audited with
 * what it replaced; an attachment taken off the list is marked removed, not deleted.
 */
import type { DB } from '../db/database';
import { LEDGER_STATUSES, type LedgerAttachment, type LedgerEntry, type LedgerStatus } from '../../api/ledger-types';
import { fail, failure } from '../../domain/result';
import { nowIso } from '../../domain/clock';
import { audit } from '../db/audit';
import { localUser } from '../settings/localUser';
import { ledgerMeasure, perTown } from './measures';

export interface SetLedgerArgs {
  measure: string;
  year: number;
  /** A 镇街 code for a measure tracked per 镇街; omitted for the measure as a whole. */
  unit?: string;
  status?: string;
  notes?: string;
}

interface EntryRow {
  unit: string;
  status: LedgerStatus;
  notes: string;
  updated_by: string;
  updated_at: string;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) fail('E_YEAR', { what: '年度', year });
}

/** The unit the entry is for: '' for the measure, or a 镇街 of the measure's region when it names 各镇街. */
function unitFor(db: DB, measureId: string, unit: string | undefined): { unit: string; name: string } {
  const { doc, measure } = ledgerMeasure(measureId);
  if (!unit) return { unit: '', name: '' };
  if (!perTown(measure)) throw failure('E_LEDGER_UNIT', { measure: `${measure.label}${measure.title}` });
  const t = unit.trim();
  const row = db.prepare('SELECT code, name FROM region_units WHERE region = ? AND (code = ? OR name = ?)').get(doc.region, t.toUpperCase(), t) as { code: string; name: string } | undefined;
  if (!row) throw failure('E_LEDGER_TOWN', { unit });
  return { unit: row.code, name: row.name };
}

export function entriesOf(db: DB, measure: string, year: number): Map<string, Omit<LedgerEntry, 'unitName'>> {
  const rows = db.prepare('SELECT unit, status, notes, updated_by, updated_at FROM ledger_entries WHERE measure = ? AND year = ?').all(measure, year) as EntryRow[];
  const atts = db
    .prepare('SELECT id, unit, name, note, added_by AS addedBy, added_at AS addedAt FROM ledger_attachments WHERE measure = ? AND year = ? AND removed_at IS NULL ORDER BY id')
    .all(measure, year) as (LedgerAttachment & { unit: string })[];
  const out = new Map<string, Omit<LedgerEntry, 'unitName'>>();
  const get = (unit: string): Omit<LedgerEntry, 'unitName'> => {
    let e = out.get(unit);
    if (!e) out.set(unit, (e = { unit, status: '未启动', notes: '', updatedBy: null, updatedAt: null, attachments: [] }));
    return e;
  };
  for (const r of rows) Object.assign(get(r.unit), { status: r.status, notes: r.notes, updatedBy: r.updated_by, updatedAt: r.updated_at });
  for (const a of atts) get(a.unit).attachments.push({ id: a.id, name: a.name, note: a.note, addedBy: a.addedBy, addedAt: a.addedAt });
  return out;
}

export function setLedgerEntry(db: DB, a: SetLedgerArgs): void {
  checkYear(a.year);
  const { measure } = ledgerMeasure(a.measure);
  const { unit, name } = unitFor(db, a.measure, a.unit);
  if (a.status !== undefined && !(LEDGER_STATUSES as readonly string[]).includes(a.status)) throw failure('E_LEDGER_STATUS', { status: a.status, known: LEDGER_STATUSES.join('、') });
  if (a.notes !== undefined && a.notes.length > 5000) throw failure('E_LEDGER_NOTES', { max: 5000 });
  if (a.status === undefined && a.notes === undefined) throw failure('E_LEDGER_EMPTY', {});
  const actor = localUser(db);
  const before = db.prepare('SELECT status, notes FROM ledger_entries WHERE measure = ? AND year = ? AND unit = ?').get(a.measure, a.year, unit) as { status: string; notes: string } | undefined;
  const status = a.status ?? before?.status ?? '未启动';
  const notes = a.notes ?? before?.notes ?? '';
  db.transaction(() => {
    db.prepare(
      `INSERT INTO ledger_entries (measure, year, unit, status, notes, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (measure, year, unit) DO UPDATE SET status = excluded.status, notes = excluded.notes, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    ).run(a.measure, a.year, unit, status, notes, actor, nowIso());
    audit(db, actor, 'ledger.set', 'ledger_entry', `${a.measure}/${a.year}${unit ? `/${unit}` : ''}`, { measure: measure.label, unit: name || null, before: before ?? null, after: { status, notes } });
  })();
}

export function addLedgerAttachment(db: DB, a: { measure: string; year: number; unit?: string; name: string; note?: string }): number {
  checkYear(a.year);
  ledgerMeasure(a.measure);
  const { unit } = unitFor(db, a.measure, a.unit);
  const name = a.name.trim();
  if (!name) throw failure('E_LEDGER_ATTACHMENT_NAME', {});
  if (name.length > 200) throw failure('E_LEDGER_ATTACHMENT_LONG', { max: 200 });
  const actor = localUser(db);
  return db.transaction(() => {
    const id = Number(
      db
        .prepare('INSERT INTO ledger_attachments (measure, year, unit, name, note, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(a.measure, a.year, unit, name, a.note?.trim() || null, actor, nowIso()).lastInsertRowid,
    );
    audit(db, actor, 'ledger.attach', 'ledger_attachment', id, { measure: a.measure, year: a.year, unit: unit || null, name });
    return id;
  })();
}

export function removeLedgerAttachment(db: DB, id: number): { measure: string; year: number } {
  const row = db.prepare('SELECT measure, year, name FROM ledger_attachments WHERE id = ? AND removed_at IS NULL').get(id) as { measure: string; year: number; name: string } | undefined;
  if (!row) throw failure('E_LEDGER_ATTACHMENT_UNKNOWN', {});
  const actor = localUser(db);
  db.transaction(() => {
    db.prepare('UPDATE ledger_attachments SET removed_at = ?, removed_by = ? WHERE id = ?').run(nowIso(), actor, id);
    audit(db, actor, 'ledger.detach', 'ledger_attachment', id, { measure: row.measure, year: row.year, name: row.name });
  })();
  return { measure: row.measure, year: row.year };
}
