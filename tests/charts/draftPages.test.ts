/**
 * The Word draft's 目录 against the pages LibreOffice prints, for the draft the demo makes: both
 * regions, 2025Q4 (form RV-2026.2), with the 贷款定价 tables — rows of 「1年以上至3年（对5年期以上
 * LPR）」 wrapped in narrow cells and long notes under each table, the 贴息 table for 璧山 — and
 * the banks' texts. The page planner (domain/present/pageFlow.ts) measures text as Writer breaks
 * it; an entry one page off is what an analyst who prints the draft finds first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { paragraphText, paragraphs, readDocx } from '../helpers/docx';
import { contentsPages, officeRenderer, plannedPages, renderDocx } from '../helpers/render';

const missing = officeRenderer();
let out: string;
let draft: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'rfm-draft-pages-'));
  const said: string[] = [];
  const code = await runCli(['demo', '--out', out, '--years', '2024-2025'], { out: (s) => said.push(s), err: (s) => said.push(s) });
  if (code !== 0) throw new Error(said.join('\n'));
  const pack = join(out, '报告包_2025Q4');
  draft = join(pack, readdirSync(pack).find((f) => f.endsWith('.docx')) ?? '');
}, 600_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the demo’s Word draft of both regions as LibreOffice prints it', () => {
  it('has the long pricing tables and notes the planner must measure', () => {
    const text = paragraphs(readDocx(draft).document).map(paragraphText);
    expect(text.filter((t) => /^[一二三四五六七八九十]+、贷款定价与LPR对照情况$/.test(t))).toHaveLength(2);
    const tables = readDocx(draft).document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    const pricing = tables.filter((t) => t.includes('1年以上至3年（对5年期以上LPR）'));
    expect(pricing.length).toBeGreaterThanOrEqual(4);
    expect(text.filter((t) => t.startsWith('说明：按发放时的同期相应年限LPR比较') && t.length > 400).length).toBeGreaterThanOrEqual(4);
  });

  it.skipIf(missing !== null)(`prints every heading on the page its 目录 entry lists, on as many pages as were planned ${missing ?? ''}`, () => {
    const pages = renderDocx(draft, join(out, 'rendered'));
    expect(pages.length).toBe(plannedPages(draft));
    const toc = contentsPages(draft, pages);
    // Both regions' sections: 安康市 and 璧山区 each with their numbered headings.
    expect(toc.filter((e) => /^[一二三四五六七八九十]+、/.test(e.title)).length).toBeGreaterThanOrEqual(16);
    expect(toc.filter((e) => e.printed !== e.listed)).toEqual([]);
  }, 300_000);
});
