/** A fresh database in a temporary folder for each test file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import * as fs from 'node:fs';
import { openDatabase, type DB } from '../../src/services/db/database';

XLSX.set_fs(fs);

export interface TempDb {
  dir: string;
  dbPath: string;
  db: DB;
  cleanup: () => void;
}

export function tempDb(): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'rfm-template-'));
  const dbPath = join(dir, 'rfm.sqlite');
  const db = openDatabase(dbPath);
  return {
    dir,
    dbPath,
    db,
    cleanup: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { XLSX };

/** A cell value read back through a workbook-level defined name, as the importer does. */
export function valueByName(wb: XLSX.WorkBook, name: string): unknown {
  const def = (wb.Workbook?.Names ?? []).find((n) => n.Name === name);
  if (!def) return undefined;
  const m = /^'?(.+?)'?!\$([A-Z]+)\$(\d+)$/.exec(def.Ref);
  if (!m) return undefined;
  const ws = wb.Sheets[(m[1] ?? '').replace(/''/g, "'")];
  return ws?.[`${m[2]}${m[3]}`]?.v;
}
