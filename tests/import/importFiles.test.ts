import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DB } from '../../src/services/db/database';
import { importFiles } from '../../src/services/import/importFiles';
import { dumpValues } from '../../src/services/import/dump';
import { freshDb, tempDir, writeReport, type FileKind } from './fixtures';

let db: DB;
let dir: string;

beforeAll(() => {
  ({ db, dir } = freshDb());
});
afterAll(() => db.close());

function valueOf(quarter: string, institution: string, definedName: string): number | string | null | undefined {
  return dumpValues(db, quarter, institution).find((r) => r.definedName === definedName)?.value;
}

describe('import of real files in every format', () => {
  const kinds: { kind: FileKind; ext: string; inst: string; format: string }[] = [
    { kind: 'xlsx', ext: 'xlsx', inst: 'AK-ABC', format: 'xlsx' },
    { kind: 'xls', ext: 'xls', inst: 'AK-ICBC', format: 'xls' },
    { kind: 'ods', ext: 'ods', inst: 'AK-BOC', format: 'ods' },
    { kind: 'csv-utf8', ext: 'csv', inst: 'AK-CCB', format: 'csv' },
    { kind: 'csv-gbk', ext: 'csv', inst: 'BS-ABC', format: 'csv' },
  ];
  for (const k of kinds) {
    it(`${k.kind}: accepted, values stored exactly with provenance`, async () => {
      const path = writeReport(
        db,
        {
          institution: k.inst,
          quarter: '2025Q3',
          cells: { loans_total_bal: '1,234,567.89', agri_loans_bal: '１２３，４５６．７８万元', relending_bal: '—', text_problems: '抵押物不足' },
        },
        join(dir, k.kind, `report.${k.ext}`),
        k.kind,
      );
      const r = await importFiles(db, { paths: [path], receivedDate: '2025-10-04' });
      const f = r.files[0];
      expect(f?.errors).toEqual([]);
      expect(f?.status).toBe('accepted');
      expect(f?.format).toBe(k.format);
      expect(f?.institution).toBe(k.inst);
      expect(f?.quarter).toBe('2025Q3');
      expect(f?.late).toBe(false);
      expect(valueOf('2025Q3', k.inst, 'RV_loans_total_bal')).toBe(1234567.89);
      expect(valueOf('2025Q3', k.inst, 'RV_agri_loans_bal')).toBe(123456.78);
      expect(valueOf('2025Q3', k.inst, 'RV_relending_bal')).toBe(0);
      expect(valueOf('2025Q3', k.inst, 'RV_pov_rate')).toBe(0.0345);
      expect(valueOf('2025Q3', k.inst, 'RV_text_problems')).toBe('抵押物不足');
      expect(valueOf('2025Q3', k.inst, 'RV_cover_fill_date')).toBe('2025-10-03');
      // A blank stays a blank (null), with its provenance kept.
      const blank = dumpValues(db, '2025Q3', k.inst).find((x) => x.definedName === 'RV_text_cases');
      expect(blank?.value).toBeNull();
      expect(blank?.sheet).toBe(k.format === 'csv' ? 'CSV' : '文字材料');
      const loans = dumpValues(db, '2025Q3', k.inst).find((x) => x.definedName === 'RV_loans_total_bal');
      expect(loans?.sheet).toBe(k.format === 'csv' ? 'CSV' : '信贷总量');
      expect(loans?.cell).toMatch(/^[A-D]\d+$/);
    });
  }
});
