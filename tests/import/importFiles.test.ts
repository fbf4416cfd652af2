import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DB } from '../../src/services/db/database';
import { importFiles } from '../../src/services/import/importFiles';
import { dumpValues } from '../../src/services/import/dump';
import { ParsePool } from '../../src/services/import/parsePool';
import { freshDb, insertRow, reportWorkbook, writeReport, type FileKind } from './fixtures';
import * as XLSX from 'xlsx';
import { Document, Packer, Paragraph } from 'docx';

// Dates must come back as the calendar date even where V8 drifts (Asia/Shanghai, 1900 LMT offsets).
process.env['TZ'] = 'Asia/Shanghai';

let db: DB;
let dir: string;
let pool: ParsePool;

beforeAll(() => {
  ({ db, dir } = freshDb());
  pool = new ParsePool();
});
afterAll(async () => {
  await pool.close();
  db.close();
});

async function run(paths: string[], extra: { receivedDate?: string; dryRun?: boolean; maxFileBytes?: number } = {}): Promise<Awaited<ReturnType<typeof importFiles>>> {
  // Reports of earlier quarters arrive here long after their deadline; these tests are about
  // reading cells, so the analyst's confirmation of that (W_RECEIVED_VERY_LATE) is given.
  return importFiles(db, { paths, receivedDate: '2025-10-04', confirmAll: true, ...extra }, {}, { pool });
}

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
      const r = await run([path]);
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

describe('format detection by bytes, not extension', () => {
  it('an .xlsx renamed .csv still imports as xlsx', async () => {
    const real = writeReport(db, { institution: 'AK-CAB', quarter: '2025Q2' }, join(dir, 'renamed', 'real.xlsx'));
    const fake = join(dir, 'renamed', '长安银行报表.csv');
    copyFileSync(real, fake);
    const r = await run([fake]);
    expect(r.files[0]).toMatchObject({ status: 'accepted', format: 'xlsx', institution: 'AK-CAB' });
  });

  it('a text file named .xlsx is rejected, saying it is text and not a workbook', async () => {
    const f = join(dir, 'text-named-xlsx', '农行报表.xlsx');
    mkdirSync(join(dir, 'text-named-xlsx'), { recursive: true });
    writeFileSync(f, 'not a spreadsheet');
    const r = await run([f]);
    expect(r.files[0]?.status).toBe('rejected');
    expect(r.files[0]?.errors[0]?.code).toBe('E_CSV_HEADER');
    expect(r.files[0]?.errors[0]?.message).toContain('扩展名为 .xlsx，但内容是纯文本');
  });

  it('rejects a PDF, a PNG, a Word file, an empty file and a zip without a workbook, saying what each is', async () => {
    const d = join(dir, 'bad');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, '报表.xlsx'), '%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');
    writeFileSync(join(d, '截图.xls'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    writeFileSync(join(d, '说明.xlsx'), await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('说明')] }] })));
    writeFileSync(join(d, '空.csv'), '');
    const cfb = (XLSX as unknown as { CFB: { utils: { cfb_new: () => unknown; cfb_add: (c: unknown, p: string, d: Buffer) => void }; write: (c: unknown, o: object) => Buffer } }).CFB;
    const zip = cfb.utils.cfb_new();
    cfb.utils.cfb_add(zip, 'readme.txt', Buffer.from('hello'));
    writeFileSync(join(d, '打包.xlsx'), cfb.write(zip, { fileType: 'zip', type: 'buffer' }));
    const r = await run(['报表.xlsx', '截图.xls', '说明.xlsx', '空.csv', '打包.xlsx'].map((f) => join(d, f)));
    expect(r.rejected).toBe(5);
    const msg = (f: string): string => r.files.find((x) => x.file === f)?.errors[0]?.message ?? '';
    expect(msg('报表.xlsx')).toMatch(/文件「报表\.xlsx」实际上是PDF 文档/);
    expect(msg('截图.xls')).toContain('PNG 图片');
    expect(msg('说明.xlsx')).toContain('Word 文档（.docx）');
    expect(msg('空.csv')).toContain('空文件');
    expect(msg('打包.xlsx')).toContain('ZIP 压缩包（其中没有工作簿）');
  });

  it('a file over the size cap is rejected before parsing', async () => {
    const p = writeReport(db, { institution: 'AK-PSBC', quarter: '2025Q2' }, join(dir, 'cap', 'big.xlsx'));
    const r = await run([p], { maxFileBytes: 1000 });
    expect(r.files[0]?.errors[0]?.code).toBe('E_FILE_TOO_LARGE');
    expect(r.files[0]?.sha256).toBeNull();
  });
});

describe('reading cells', () => {
  it('an .xls without defined names is read by sheet and cell, and says so', async () => {
    const p = writeReport(db, { institution: 'AK-HBRCB', quarter: '2025Q2', cells: { loans_total_bal: 104321 } }, join(dir, 'xls', 'a.xls'), 'xls');
    const r = await run([p]);
    expect(r.files[0]?.status).toBe('accepted');
    expect(r.files[0]?.notes.map((n) => n.code)).toContain('N_NAMES_MISSING');
    expect(valueOf('2025Q2', 'AK-HBRCB', 'RV_loans_total_bal')).toBe(104321);
  });

  it('a defined name is trusted only where its row label and column header are the form\'s', async () => {
    // Excel inserted a row above it and moved the names: read by the name, where the label now is.
    const wb = reportWorkbook(db, { institution: 'AK-XYRCB', quarter: '2025Q2', cells: { loans_total_bal: 100777 } });
    const before = wb.Workbook?.Names?.find((x) => x.Name === 'RV_loans_total_bal')?.Ref ?? '';
    const row = Number(/(\d+)$/.exec(before)?.[1]);
    insertRow(wb, '信贷总量', row - 1, 'update');
    const p = join(dir, 'moved.xlsx');
    XLSX.writeFile(wb, p);
    const r = await run([p]);
    expect(r.files[0]?.status, JSON.stringify(r.files[0]?.errors)).toBe('accepted');
    expect(dumpValues(db, '2025Q2', 'AK-XYRCB').find((x) => x.definedName === 'RV_loans_total_bal')).toMatchObject({ value: 100777, sheet: '信贷总量', cell: `B${row + 1}` });
    expect(r.files[0]?.notes.map((n) => n.code)).not.toContain('N_CELLS_MOVED');

    // A name pointing outside the form (no label there): not trusted; the labelled cell is read, and the note says so.
    const wb2 = reportWorkbook(db, { institution: 'AK-XYRCB', quarter: '2025Q1', cells: { loans_total_bal: 100888 } });
    const ws2 = wb2.Sheets['信贷总量'];
    const n2 = wb2.Workbook?.Names?.find((x) => x.Name === 'RV_loans_total_bal');
    if (!ws2 || !n2) throw new Error('workbook');
    ws2['H40'] = { t: 'n', v: 100777 };
    // Widen the sheet's range to reach H40 (never shorten it: the form may be longer).
    const range = XLSX.utils.decode_range(ws2['!ref'] ?? 'A1');
    range.e.c = Math.max(range.e.c, 7);
    range.e.r = Math.max(range.e.r, 39);
    ws2['!ref'] = XLSX.utils.encode_range(range);
    n2.Ref = "'信贷总量'!$H$40";
    const p2 = join(dir, 'outside.xlsx');
    XLSX.writeFile(wb2, p2);
    const r2 = await run([p2]);
    expect(r2.files[0]?.status, JSON.stringify(r2.files[0]?.errors)).toBe('accepted');
    expect(dumpValues(db, '2025Q1', 'AK-XYRCB').find((x) => x.definedName === 'RV_loans_total_bal')).toMatchObject({ value: 100888, cell: `B${row}` });
    const note = r2.files[0]?.notes.find((n) => n.code === 'N_CELLS_MOVED');
    expect(note).toMatchObject({ sheet: '信贷总量', cell: `B${row}` });
    expect(note?.message).toContain('定义名称指向了别的单元格');
  });

  it('a formula without a cached value is rejected with how to fix it; with one it is read', async () => {
    const bad = writeReport(db, { institution: 'AK-ZYRCB', quarter: '2025Q2', cells: { sgl_bal: { t: 'n', f: 'B30+B31' } as XLSX.CellObject } }, join(dir, 'f', 'bad.xlsx'));
    const r = await run([bad]);
    const e = r.files[0]?.errors.find((x) => x.code === 'E_FORMULA_NO_VALUE');
    expect(e?.sheet).toBe('信贷总量');
    expect(e?.message).toContain('选择性粘贴为数值');
    const good = writeReport(db, { institution: 'AK-ZYRCB', quarter: '2025Q2', cells: { sgl_bal: { t: 'n', f: '1000+234', v: 1234 } } }, join(dir, 'f', 'good.xlsx'));
    expect((await run([good])).files[0]?.status).toBe('accepted');
    expect(valueOf('2025Q2', 'AK-ZYRCB', 'RV_sgl_bal')).toBe(1234);
  });

  it('a date cell typed as an Excel serial comes back as the exact calendar date in Asia/Shanghai', async () => {
    expect(new Date(2025, 9, 3).getTimezoneOffset()).toBe(-480);
    const p = writeReport(db, { institution: 'AK-BOC', quarter: '2025Q2', cells: { cover_fill_date: { t: 'n', v: 45933, z: 'yyyy-mm-dd' } } }, join(dir, 'date.xlsx'));
    expect((await run([p])).files[0]?.status).toBe('accepted');
    expect(valueOf('2025Q2', 'AK-BOC', 'RV_cover_fill_date')).toBe('2025-10-03');
  });

  it('unit conversions are shown to the user as notes with sheet and cell', async () => {
    const p = writeReport(db, { institution: 'AK-ADBC', quarter: '2025Q2', cells: { loans_total_bal: '12亿元' } }, join(dir, 'unit.xlsx'));
    const r = await run([p]);
    const note = r.files[0]?.notes.find((n) => n.code === 'N_CONVERTED');
    expect(note).toMatchObject({ sheet: '信贷总量' });
    expect(note?.message).toContain('已换算为 120000 万元');
    expect(valueOf('2025Q2', 'AK-ADBC', 'RV_loans_total_bal')).toBe(120000);
  });
});

describe('cover and template checks', () => {
  it('rejects an unknown template version', async () => {
    const p = writeReport(db, { institution: 'BS-PSBC', quarter: '2025Q2', templateVersion: 'RV-2019.9' }, join(dir, 'cover', 'v.xlsx'));
    const e = (await run([p])).files[0]?.errors[0];
    expect(e?.code).toBe('E_TEMPLATE_VERSION');
    expect(e?.message).toContain('RV-2019.9');
  });

  it('rejects an institution not in the registry, and one outside the template region', async () => {
    const a = writeReport(db, { institution: 'BS-PSBC', quarter: '2025Q2', institutionText: '某某银行火星支行', cells: { cover_institution_code: null } }, join(dir, 'cover', 'a.xlsx'));
    const b = writeReport(db, { institution: 'BS-PSBC', quarter: '2025Q2', region: 'ankang' }, join(dir, 'cover', 'b.xlsx'));
    const r = await run([a, b]);
    expect(r.files[0]?.errors.map((e) => e.code)).toContain('E_INSTITUTION_UNKNOWN');
    expect(r.files[0]?.errors[0]).toMatchObject({ sheet: '封面' });
    expect(r.files[1]?.errors.map((e) => e.code)).toContain('E_INSTITUTION_REGION');
  });

  it('an unknown way of writing the name is known by the prefilled code, with a warning', async () => {
    const p = writeReport(db, { institution: 'BS-CQRCB', quarter: '2025Q1', institutionText: '渝农商行璧山支行' }, join(dir, 'cover', 'code.xlsx'));
    const f = (await run([p])).files[0];
    expect(f).toMatchObject({ status: 'accepted', institution: 'BS-CQRCB' });
    expect(f?.warnings.find((w) => w.code === 'W_INSTITUTION_NAME')?.message).toContain('已按机构代码 BS-CQRCB 识别');
  });

  it('finds the institution by alias', async () => {
    const p = writeReport(db, { institution: 'BS-PSBC', quarter: '2025Q2', institutionText: '璧山邮储' }, join(dir, 'cover', 'alias.xlsx'));
    expect((await run([p])).files[0]).toMatchObject({ status: 'accepted', institution: 'BS-PSBC' });
  });

  it('rejects a quarter that is not real or has not ended when the file arrived', async () => {
    const a = writeReport(db, { institution: 'BS-CQRCB', quarter: '2025Q5' }, join(dir, 'cover', 'q5.xlsx'));
    const b = writeReport(db, { institution: 'BS-CQRCB', quarter: '2025Q4' }, join(dir, 'cover', 'q4.xlsx'));
    const r = await run([a, b]);
    expect(r.files[0]?.errors[0]?.code).toBe('E_QUARTER_INVALID');
    expect(r.files[1]?.errors[0]?.code).toBe('E_QUARTER_FUTURE');
    expect(r.files[1]?.errors[0]?.message).toContain('2025-12-31 才结束');
  });

  it('validation errors name the sheet and cell; every error of a file is reported', async () => {
    const p = writeReport(db, { institution: 'BS-BCQ', quarter: '2025Q2', cells: { loans_total_bal: null, farmer_loans_bal: 'abc', sgl_bal: '(5)' } }, join(dir, 'rules.xlsx'));
    const r = await run([p]);
    const codes = r.files[0]?.errors.map((e) => e.code) ?? [];
    expect(codes).toEqual(expect.arrayContaining(['E_REQUIRED', 'E_VALUE_NOT_NUMBER', 'E_NEGATIVE']));
    for (const e of r.files[0]?.errors ?? []) expect(e.sheet).toBe('信贷总量');
    expect(dumpValues(db, '2025Q2', 'BS-BCQ')).toEqual([]);
  });
});

describe('timeliness', () => {
  it('received after the quarter’s deadline is late (2025Q1: 04-05 is in 清明, the deadline is Monday 04-07)', async () => {
    const a = writeReport(db, { institution: 'BS-ICBCVB', quarter: '2025Q1' }, join(dir, 'late', 'a.xlsx'));
    const b = writeReport(db, { institution: 'BS-ADBC', quarter: '2025Q1' }, join(dir, 'late', 'b.xlsx'));
    const r = await importFiles(db, { paths: [a, b], receivedDate: '2025-04-07', receivedDates: { [b]: '2025-04-08' } }, {}, { pool });
    expect(r.files.map((f) => f.late)).toEqual([false, true]);
    expect(r.files.map((f) => f.deadline)).toEqual(['2025-04-07', '2025-04-07']);
  });
});
