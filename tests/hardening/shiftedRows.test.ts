/**
 * The property behind issue 10 §1: for every sheet of the form and every row, one
 * row inserted there — with the defined names left stale (as openpyxl leaves them)
 * and with the names dropped — is never accepted with a value that differs from
 * the form. The form is the app's template filled in by openpyxl, every amount and
 * count distinct, so a value read from a neighbouring cell cannot go unnoticed.
 *
 * Both forms are tried: RV-2026.1 (with its 合计 rows and note rows under section titles)
 * and RV-2025.1, which late adopters still send.
 *
 * All variants are made at the XML level from one filled form and imported in one
 * batch through the real handler; each accepted file's stored values are compared
 * with the clean form's. The only files that may be refused are the ones where the
 * inserted row separates a text block's label from its text (nothing can tell
 * that text from a stray row), and those must be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import type { HandlerTable } from '../../src/api/contract';
import { getCatalogue, layoutFor } from '../../src/services/catalogue/fields';
import { distinctFill, fillFor, formFor, hostileSender } from './helpers/hostile';
import { dropDefinedNames, insertRowXml, rezip, unzip } from './corpus/workbookEdit';
import { tempDir } from './helpers/temp';

const RECEIVED = '2025-10-08';
const SPEC = { institution: 'AK-ABC', quarter: '2025Q3' };
const VERSIONS = ['RV-2026.1', 'RV-2025.1'];
const tmp = tempDir('shifted');
let ctx: ServiceContext;
let h: HandlerTable;

beforeAll(() => {
  ctx = openContext(join(tmp.dir, 'rfm.sqlite'));
  h = createHandlers(ctx);
});

afterAll(() => {
  closeContext(ctx);
  tmp.cleanup();
});

function valuesOf(submissionId: number | null): Record<string, number | string | null> {
  const rows = ctx.db.prepare('SELECT defined_name AS name, num, text FROM submission_values WHERE submission_id = ?').all(submissionId) as { name: string; num: number | null; text: string | null }[];
  return Object.fromEntries(rows.map((r) => [r.name, r.num ?? r.text]));
}

describe.each(VERSIONS)('form %s: one inserted row anywhere, names stale or dropped', (version) => {
  it('is never accepted with a value that differs from the form', async () => {
    const spec = { ...SPEC, templateVersion: version };
    const layout = layoutFor(ctx.db, 'ankang', version);
    const form = await formFor(ctx.db, join(tmp.dir, version), SPEC.institution, SPEC.quarter, version);
    const { filled } = hostileSender({ base: form, out: join(tmp.dir, version, 'sent'), fill: distinctFill(fillFor(ctx.db, spec), layout.inputs, getCatalogue(ctx.db, version)), variants: [] });
    const clean = await h['import.files']({ paths: [filled], receivedDate: RECEIVED }, {});
    if (!clean.ok) throw new Error(clean.error.message);
    expect(clean.value.files[0]?.status, JSON.stringify(clean.value.files[0]?.errors)).toBe('accepted');
    const exact = valuesOf(clean.value.files[0]?.submissionId ?? null);
    expect(Object.keys(exact)).toHaveLength(layout.inputs.length);

    const bytes = readFileSync(filled);
    const dir = join(tmp.dir, version, 'variants');
    mkdirSync(dir, { recursive: true });
    const variants = new Map<string, { sheet: string; row: number; names: 'stale' | 'dropped' }>();
    const seen = new Set<string>();
    // Text blocks: the rows of their inputs (an inserted row there parts the text from its label).
    const textInputs = new Set(layout.inputs.filter((i) => i.rowLabel.row !== i.row).map((i) => `${i.sheet}\u0000${i.row}`));
    for (const sheet of layout.sheets) {
      const last = Math.max(...sheet.items.map((i) => i.row));
      for (let row = 1; row <= last; row++) {
        for (const names of ['stale', 'dropped'] as const) {
          const pkg = unzip(bytes);
          insertRowXml(pkg, sheet.name, row);
          if (names === 'dropped') dropDefinedNames(pkg);
          const out = rezip(pkg);
          // Above an empty row or below it: the same file.
          const sha = createHash('sha256').update(out).digest('hex');
          if (seen.has(sha)) continue;
          seen.add(sha);
          const path = join(dir, `${sheet.name}-第${row}行前插入-${names === 'stale' ? '名称未更新' : '无名称'}.xlsx`);
          writeFileSync(path, out);
          variants.set(path, { sheet: sheet.name, row, names });
        }
      }
    }
    expect(variants.size).toBeGreaterThan(200);

    const r = await h['import.files']({ paths: [...variants.keys()], receivedDate: RECEIVED }, {});
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.files).toHaveLength(variants.size);
    const refused: string[] = [];
    for (const f of r.value.files) {
      const v = variants.get(f.path);
      if (!v) throw new Error(`unexpected ${f.path}`);
      const textGap = textInputs.has(`${v.sheet}\u0000${v.row}`);
      if (f.status !== 'accepted') {
        refused.push(f.file);
        expect(textGap, `${f.file}: ${JSON.stringify(f.errors)}`).toBe(true);
        expect(f.errors.map((e) => e.code)).toEqual(['E_TEXT_OUTSIDE_CELL']);
        expect(f.errors[0]).toMatchObject({ sheet: v.sheet, cell: `A${v.row + 1}` });
        continue;
      }
      expect(textGap, `${f.file} accepted, but its text was parted from its label`).toBe(false);
      expect(valuesOf(f.submissionId), f.file).toEqual(exact);
    }
    expect(refused).toHaveLength(textInputs.size * 2);
  }, 180_000);
});
