/** A Word table as the documents write it: header repeated, rows kept whole unless a row is taller than a page (Word would cut it off). */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlignmentType } from 'docx';
import { wordTable } from '../../src/services/charts/docx';
import { docxBytes, officialDocument } from '../../src/services/exports/wordStyle';
import { expectOfficeFonts, readDocx } from '../helpers/docx';

const dir = mkdtempSync(join(tmpdir(), 'rfm-wordtable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wordTable', () => {
  it('repeats the header and keeps ordinary rows whole; a row taller than the page may break, and the layout counts it', async () => {
    const head = ['机构', '说明'].map((text) => ({ text, role: 'tableHead' as const, align: AlignmentType.CENTER, shade: true }));
    const row = (text: string) => [{ text: '中国农业银行安康分行', role: 'table' as const, align: AlignmentType.LEFT }, { text, role: 'table' as const, align: AlignmentType.LEFT }];
    const long = '数据佐证'.repeat(900);
    const t = wordTable(head, [row('已核实'), row(long)], [10, 30], 21);
    const path = join(dir, 't.docx');
    writeFileSync(path, await docxBytes(officialDocument('表', [t.table]), new Date(Date.UTC(2026, 0, 1))));
    const d = readDocx(path);
    expectOfficeFonts(d);
    const rows = d.document.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows[1]).toContain('<w:cantSplit/>');
    expect(rows[2]).not.toContain('<w:cantSplit/>');
    // 3,600 characters in a 30/40 column of 五号 (about 30 a line) at 15 pt a line: over 100 lines, more than a page.
    expect(t.flow.kind === 'rows' ? t.flow.rows[1] : 0).toBeGreaterThan(1500);
  });
});
