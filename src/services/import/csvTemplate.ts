/**
 * Writes the CSV form of the quarterly template (layout: domain/import/csvLayout.ts),
 * prefilled with the cover when an institution and quarter are given. UTF-8 with a
 * BOM by default (Excel then opens it with the right encoding), or GBK for old tools.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as cpexcel from 'xlsx/dist/cpexcel.full';
import type { CP$Utils } from 'xlsx/dist/cpexcel.full';
import type { DB } from '../db/database';
import { fail } from '../../domain/result';
import { csvTemplateText } from '../../domain/import/csvLayout';
import { definedNameFor } from '../../domain/catalogue/layout';
import { parseQuarter, quarterId } from '../../domain/quarter';
import { layoutFor } from '../catalogue/fields';
import { getInstitution } from '../registry/institutions';
import { regionContext } from '../registry/regions';

export interface CsvTemplateRequest {
  out: string;
  region?: string;
  institution?: string;
  quarter?: string;
  encoding?: 'utf-8' | 'gbk';
}

export function csvTemplate(db: DB, req: Omit<CsvTemplateRequest, 'out' | 'encoding'>): { text: string; region: string } {
  const inst = req.institution ? getInstitution(db, req.institution.toUpperCase()) : null;
  if (req.institution && !inst) fail('E_INSTITUTION_UNKNOWN', { institution: req.institution });
  const region = inst?.region ?? req.region;
  if (!region) fail('E_REGION_REQUIRED', {});
  const prefill = new Map<string, string>();
  if (inst) {
    prefill.set(definedNameFor('cover_institution', null), inst.name);
    prefill.set(definedNameFor('cover_institution_code', null), inst.code);
  }
  if (req.quarter) {
    const q = parseQuarter(req.quarter);
    if (!q) fail('E_QUARTER_INVALID', { what: '报告期', quarter: req.quarter });
    prefill.set(definedNameFor('cover_quarter', null), quarterId(q));
  }
  const layout = layoutFor(db, region);
  return { text: csvTemplateText(layout, regionContext(db, region).region.name, prefill), region };
}

// The module exports `utils` beside `cptable`; its type declarations only list `cptable`.
const codepages = (cpexcel as unknown as { utils: CP$Utils }).utils;

export async function writeCsvTemplate(db: DB, req: CsvTemplateRequest): Promise<{ path: string; region: string; inputs: number }> {
  const { text, region } = csvTemplate(db, req);
  const path = resolve(req.out);
  await mkdir(dirname(path), { recursive: true });
  const bytes = req.encoding === 'gbk' ? Uint8Array.from(codepages.encode(936, text, 'arr') as number[]) : new TextEncoder().encode(`\uFEFF${text}`);
  await writeFile(path, bytes);
  return { path, region, inputs: layoutFor(db, region).inputs.length };
}
