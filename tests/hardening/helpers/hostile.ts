/**
 * The app's own form (the ExcelJS template a bank receives), filled in and then
 * edited by openpyxl the way bank IT scripts do (fixtures/hostile_sender.py), and
 * converted by LibreOffice. openpyxl is Debian's python3-openpyxl; LibreOffice is
 * libreoffice-calc-nogui (.ci/run installs both).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { DB } from '../../../src/services/db/database';
import { mkdirSync } from 'node:fs';
import { drawRegionTemplate } from '../../../src/services/template/generate';
import { layoutFor } from '../../../src/services/catalogue/fields';
import { getInstitution } from '../../../src/services/registry/institutions';
import { parseQuarter } from '../../../src/domain/quarter';
import { valueFor, type CellSpec, type ReportSpec } from '../../import/fixtures';
import type { InputCell } from '../../../src/domain/catalogue/layout';
import type { Catalogue } from '../../../src/domain/catalogue/types';

export const PYTHON = '/usr/bin/python3';

export type SenderValue = number | string | null | { v: number | string; format?: string } | { date: string; format?: string };

export type SenderOp =
  | { op: 'set'; sheet: string; cell: string; value: SenderValue }
  | { op: 'setName'; name: string; value: SenderValue }
  | { op: 'insertRows'; sheet: string; row: number; amount?: number }
  | { op: 'deleteRows'; sheet: string; row: number; amount?: number }
  | { op: 'insertCols'; sheet: string; col: number; amount?: number }
  | { op: 'dropNames' }
  | { op: 'hideSheet'; sheet: string; state: 'hidden' | 'veryHidden' }
  | { op: 'hideRow'; sheet: string; row: number }
  | { op: 'hideCol'; sheet: string; col: string }
  | { op: 'copySheet'; sheet: string; title: string }
  | { op: 'pointName'; name: string; ref: string }
  | { op: 'addName'; name: string; ref: string; localSheet?: string };

export interface SenderVariant {
  file: string;
  ops: SenderOp[];
}

/**
 * The template of one form version for an institution, as the app draws it (the cover is
 * typed in by the sender with the rest of the fill). Late adopters still send the older
 * form, so each version is tried.
 */
export async function formFor(db: DB, dir: string, institution: string, quarter: string, version: string): Promise<string> {
  const inst = getInstitution(db, institution);
  const q = parseQuarter(quarter);
  if (!inst || !q) throw new Error(`no form for ${institution} ${quarter}`);
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `模板-${version}-${institution}-${quarter}.xlsx`);
  await drawRegionTemplate(db, inst.region, q.year + 1, undefined, inst.code, version).wb.xlsx.writeFile(out);
  return out;
}

function senderValue(spec: CellSpec): SenderValue {
  if (spec === null || typeof spec === 'number' || typeof spec === 'string') return spec === '' ? null : spec;
  if (typeof spec.v === 'number' || typeof spec.v === 'string') return typeof spec.z === 'string' ? { v: spec.v, format: spec.z } : { v: spec.v };
  return null;
}

/**
 * The complete valid report of the import fixtures (fixtures.ts), by defined name, for
 * openpyxl to type into the form. Dates go in as real dates with the form's format.
 */
export function fillFor(db: DB, spec: ReportSpec): Record<string, SenderValue> {
  const inst = getInstitution(db, spec.institution);
  if (!inst) throw new Error(`unknown institution ${spec.institution}`);
  const out: Record<string, SenderValue> = {};
  for (const input of layoutFor(db, inst.region, spec.templateVersion).inputs) {
    const v = senderValue(valueFor(input, spec, inst.name, inst.code));
    out[input.definedName] = input.type === 'date' && typeof v === 'string' ? { date: v, format: 'yyyy-mm-dd' } : v;
  }
  return out;
}

/**
 * Every amount and count a little different, so that a value read from a neighbouring cell
 * shows. Amounts move by millionths of a 万元 (the store keeps six decimals), well inside
 * the check rules' rounding tolerance for sums of parts; a grid's 合计 row moves by what its
 * members moved, so the form's own totals (each loan counted once, or the sum of exclusive
 * classes) still hold and the clean form is accepted.
 */
export function distinctFill(fill: Record<string, SenderValue>, list: InputCell[], catalogue: Catalogue): Record<string, SenderValue> {
  const out = { ...fill };
  /** 合计 field key → the member field key it totals. */
  const totalOf = new Map<string, string>();
  for (const sec of catalogue.sections) {
    if (sec.kind === 'grid' && sec.totalRow) for (const [memberKey, totalKey] of Object.entries(sec.totalRow.cells)) totalOf.set(totalKey, memberKey);
  }
  const moved = new Map<string, number>();
  const bump = (input: InputCell, by: number): void => {
    const v = out[input.definedName];
    if (typeof v !== 'number') return;
    out[input.definedName] = input.type === 'amount' ? Math.round((v + by) * 1e6) / 1e6 : v + by;
    if (input.member !== null) moved.set(input.key, (moved.get(input.key) ?? 0) + by);
  };
  list.forEach((input, k) => {
    if (totalOf.has(input.key)) return;
    if (input.type === 'amount') bump(input, (k + 1) / 1e6);
    else if (input.type === 'count') bump(input, k);
  });
  for (const input of list) {
    const member = totalOf.get(input.key);
    if (member !== undefined) bump(input, moved.get(member) ?? 0);
  }
  out['RV_text_suggestions'] = '建议扩大再贷款额度。';
  out['RV_text_cases'] = '某村整村授信案例。';
  return out;
}

/** Runs the openpyxl sender: the filled form (returned first, `_filled.xlsx`) and one file per variant. */
export function hostileSender(job: { base: string; out: string; fill: Record<string, SenderValue>; variants: SenderVariant[] }): { filled: string; files: string[] } {
  const r = spawnSync(PYTHON, [join(import.meta.dirname, '../fixtures/hostile_sender.py')], { input: JSON.stringify(job), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.error || r.status !== 0) {
    throw new Error(`openpyxl sender failed (needs Debian's python3-openpyxl: apt-get install python3-openpyxl): ${r.error?.message ?? r.stderr}`);
  }
  return { filled: join(job.out, '_filled.xlsx'), files: r.stdout.split('\n').filter(Boolean) };
}

/** LibreOffice's own conversion of several files at once (one process: it starts slowly). */
export function libreOfficeConvert(files: string[], to: 'xls' | 'ods' | 'xlsx', outDir: string): string[] {
  execFileSync('libreoffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(outDir, '.lo-profile')}`, '--convert-to', to, '--outdir', outDir, ...files], {
    stdio: 'ignore',
    timeout: 180_000,
  });
  return files.map((f) => join(outDir, `${(f.split('/').pop() ?? f).replace(/\.[^.]+$/, '')}.${to}`));
}
