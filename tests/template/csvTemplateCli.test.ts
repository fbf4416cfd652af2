/** `template --format csv`: the CSV form of the template from the CLI, in UTF-8 or GBK, and it imports back once filled in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cpexcel from 'xlsx/dist/cpexcel.full';
import type { CP$Utils } from 'xlsx/dist/cpexcel.full';
import { tempDb, type TempDb } from './helpers';
import { runCli } from '../../src/cli/main';
import { importFiles } from '../../src/services/import/importFiles';
import { ParsePool } from '../../src/services/import/parsePool';
import { dumpValues } from '../../src/services/import/dump';

const codepages = (cpexcel as unknown as { utils: CP$Utils }).utils;
let t: TempDb;
let pool: ParsePool;

beforeAll(() => {
  t = tempDb();
  pool = new ParsePool({ inProcess: true });
});
afterAll(async () => {
  await pool.close();
  t.cleanup();
});

async function cli(args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(['template', '--db', t.dbPath, ...args], { out: (s) => lines.push(s), err: (s) => lines.push(s) });
  return { code, text: lines.join('\n') };
}

/** Appends values to the rows of the named inputs (the 数值 column is last). */
function fillRows(text: string, fill: Record<string, string>): string {
  return text
    .split('\r\n')
    .map((line) => {
      const name = line.split(',')[0] ?? '';
      return name in fill ? `${line.replace(/,$/, '')},${fill[name]}` : line;
    })
    .join('\r\n');
}

describe('template --format csv', () => {
  it('writes a GBK CSV for an institution and quarter that imports back once filled in', async () => {
    const out = join(t.dir, 'gbk', 'AK-ABC-2025Q2.csv');
    const r = await cli(['--institution', 'AK-ABC', '--quarter', '2025Q2', '--format', 'csv', '--encoding', 'gbk', '--out', out, '--json']);
    expect(r.code, r.text).toBe(0);
    expect(JSON.parse(r.text)).toMatchObject({ institution: 'AK-ABC', quarter: '2025Q2', region: 'ankang' });
    const bytes = readFileSync(out);
    // GBK: no BOM, and the header is not valid UTF-8 but decodes as GB18030.
    expect(bytes[0]).not.toBe(0xef);
    const text = new TextDecoder('gb18030').decode(bytes);
    expect(text.startsWith('定义名称,项目,单位,数值\r\n')).toBe(true);
    expect(text).toContain('RV_cover_quarter');
    const filled = fillRows(text, {
      RV_cover_preparer: '张三',
      RV_cover_phone: '0915-3212345',
      RV_cover_fill_date: '2025年7月2日',
      RV_loans_total_bal: '"1,234.5"',
      RV_loans_total_ytd: '600',
      RV_agri_loans_bal: '800',
      RV_agri_loans_ytd: '300',
      RV_agri_new_rate: '3.95%',
      RV_npl_total_bal: '0',
      RV_agri_npl_bal: '—',
      RV_text_work: '支持魔芋、富硒茶产业链，新增贷款 300 万元。',
    });
    writeFileSync(out, Uint8Array.from(codepages.encode(936, filled, 'arr') as number[]));
    const imported = await importFiles(t.db, { paths: [out], receivedDate: '2025-07-03' }, {}, { pool });
    expect(imported.files[0]?.errors).toEqual([]);
    expect(imported.files[0]?.institution).toBe('AK-ABC');
    const v = (n: string): unknown => dumpValues(t.db, '2025Q2', 'AK-ABC').find((x) => x.definedName === n)?.value;
    expect(v('RV_loans_total_bal')).toBe(1234.5);
    expect(v('RV_agri_loans_bal')).toBe(800);
    expect(v('RV_agri_npl_bal')).toBe(0);
    expect(v('RV_cover_preparer')).toBe('张三');
    expect(v('RV_text_work')).toContain('魔芋');
  });

  it('writes a blank UTF-8 CSV for a region, the format taken from the .csv ending', async () => {
    const out = join(t.dir, 'blank-bishan.csv');
    const r = await cli(['--blank', '--region', 'bishan', '--out', out]);
    expect(r.code, r.text).toBe(0);
    expect(r.text).toContain('CSV');
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF定义名称,项目,单位,数值\r\n')).toBe(true);
    expect(text).toContain('璧山');
  });

  it('refuses an unknown format or encoding, and a CSV template without a .csv name', async () => {
    const bad = await cli(['--blank', '--region', 'ankang', '--format', 'csv', '--encoding', 'latin1', '--out', join(t.dir, 'x.csv')]);
    expect(bad.code).toBe(1);
    expect(bad.text).toContain('--encoding 只能是 utf8 或 gbk');
    const fmt = await cli(['--blank', '--region', 'ankang', '--format', 'ods', '--out', join(t.dir, 'x.ods')]);
    expect(fmt.code).toBe(1);
    expect(fmt.text).toContain('--format 只能是 xlsx 或 csv');
    const ext = await cli(['--blank', '--region', 'ankang', '--format', 'csv', '--out', join(t.dir, 'x.xlsx')]);
    expect(ext.code).toBe(1);
    expect(ext.text).toContain('应以 .csv 结尾');
  });
});
