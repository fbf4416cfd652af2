/**
 * pdf.save, through the real handler table: the PDF the window printed is written where
 * the analyst chose, after the same output checks as every export (never onto the
 * database or into its backups), and only when the bytes are a whole PDF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { HandlerTable } from '../../src/api/contract';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { FAKE_PDF } from '../electron/fake-electron';

let dir: string;
let ctx: ServiceContext;
let handlers: HandlerTable;
const data = FAKE_PDF.toString('base64');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rfm-pdf-'));
  ctx = openContext(join(dir, 'rfm.sqlite'));
  handlers = createHandlers(ctx);
});
afterAll(() => {
  closeContext(ctx);
  rmSync(dir, { recursive: true, force: true });
});

describe('pdf.save', () => {
  it('writes the PDF and says how many pages it has', async () => {
    const out = join(dir, '考核评估_安康市_2025年度.pdf');
    const r = await handlers['pdf.save']({ out, data }, {});
    expect(r).toEqual({ ok: true, value: { path: out, bytes: FAKE_PDF.length, pages: 1 } });
    expect(readFileSync(out)).toEqual(FAKE_PDF);
  });

  it('never writes onto the database, its journal or into its backups', async () => {
    const before = statSync(join(dir, 'rfm.sqlite')).size;
    for (const out of [join(dir, 'rfm.sqlite'), join(dir, 'rfm.sqlite-wal'), join(dir, 'backups', 'x.pdf')]) {
      const r = await handlers['pdf.save']({ out, data }, {});
      expect(r.ok, out).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('E_OUT_PROTECTED');
    }
    expect(statSync(join(dir, 'rfm.sqlite')).size).toBe(before);
    expect(existsSync(join(dir, 'backups', 'x.pdf'))).toBe(false);
  });

  it('refuses what is not a whole PDF, in Chinese, and writes nothing', async () => {
    const cases: [string, string][] = [
      [Buffer.from('PK\u0003\u0004 not a pdf').toString('base64'), '内容不是 PDF 文件'],
      [FAKE_PDF.subarray(0, FAKE_PDF.length - 8).toString('base64'), '文件不完整'],
      ['%%% not base64 %%%', '内容不是 PDF 数据'],
      [Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n%%EOF\n', 'latin1').toString('base64'), '没有页面'],
    ];
    for (const [bytes, what] of cases) {
      const out = join(dir, `bad-${what}.pdf`);
      const r = await handlers['pdf.save']({ out, data: bytes }, {});
      expect(r.ok, what).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('E_PDF_INVALID');
        expect(r.error.message).toContain(what);
      }
      expect(existsSync(out), what).toBe(false);
    }
  });
});
