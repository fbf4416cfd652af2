/**
 * Reading a .docx the program wrote, part by part (fflate through the app's ZIP reader), and
 * the checks every Word document of the program must pass: each run names a 公文 face for
 * East Asian text and Times New Roman for Latin, the font table tells Word/WPS/LibreOffice
 * what each face is (English name, PANOSE, GB2312 charset, family), the East Asian language
 * is zh-CN, A4 with the 公文 margins and the 「— n —」 page number.
 */
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { readZip } from '../../src/services/template/zip';
import { EAST_ASIAN_FACES, FACES, LANDSCAPE_MM, PAGE_MM } from '../../src/services/exports/wordStyle';

export interface DocxParts {
  document: string;
  styles: string;
  fontTable: string;
  settings: string;
  /** docProps/app.xml, where the page count the draft was laid out with is kept. */
  app: string;
  footers: string[];
  media: string[];
}

export function readDocx(path: string): DocxParts {
  const entries = readZip(readFileSync(path));
  const part = (name: string): string => entries.find((e) => e.name === name)?.data.toString('utf8') ?? '';
  return {
    document: part('word/document.xml'),
    styles: part('word/styles.xml'),
    fontTable: part('word/fontTable.xml'),
    settings: part('word/settings.xml'),
    app: part('docProps/app.xml'),
    footers: entries.filter((e) => /^word\/footer\d+\.xml$/.test(e.name)).map((e) => e.data.toString('utf8')),
    media: entries.filter((e) => e.name.startsWith('word/media/')).map((e) => e.name),
  };
}

/** The body's paragraphs (outside tables too), in order, as XML. */
export function paragraphs(xml: string): string[] {
  return xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
}

export function paragraphText(p: string): string {
  return (p.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('');
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`w:${name}="([^"]*)"`).exec(tag)?.[1];
}

const MM_TWIP = 1440 / 25.4;

/** The font, language, font-table and page checks (see the file's comment); returns how many text runs were checked. */
export function expectOfficeFonts(d: DocxParts): number {
  const runs = [d.document, ...d.footers].flatMap((xml) => xml.match(/<w:r>[\s\S]*?<\/w:r>|<w:r [\s\S]*?<\/w:r>/g) ?? []);
  const textRuns = runs.filter((r) => /<w:t[ >]/.test(r) && paragraphText(`<w:p>${r}</w:p>`).trim() !== '');
  expect(textRuns.length).toBeGreaterThan(0);
  for (const r of textRuns) {
    const fonts = /<w:rFonts [^>]*\/>/.exec(r)?.[0];
    expect(fonts, `run 「${paragraphText(`<w:p>${r}</w:p>`)}」 names no font`).toBeDefined();
    expect(EAST_ASIAN_FACES).toContain(attr(fonts ?? '', 'eastAsia'));
    expect(attr(fonts ?? '', 'ascii')).toBe('Times New Roman');
    expect(attr(fonts ?? '', 'hAnsi')).toBe('Times New Roman');
  }
  // Every face named anywhere is in the font table, with what substitution matches on.
  const named = new Set([...[d.document, d.styles, ...d.footers].join('').matchAll(/<w:rFonts [^>]*\/>/g)].flatMap((m) => [...m[0].matchAll(/w:(?:eastAsia|ascii|hAnsi)="([^"]+)"/g)]).map((m) => m[1] as string));
  for (const face of Object.values(FACES)) {
    const entry = new RegExp(`<w:font w:name="${face.name}">([\\s\\S]*?)</w:font>`).exec(d.fontTable)?.[1] ?? '';
    expect(entry, `font table entry for ${face.name}`).not.toBe('');
    expect(entry).toContain(`<w:altName w:val="${face.altName}"/>`);
    expect(entry).toContain(`<w:panose1 w:val="${face.panose}"/>`);
    expect(entry).toContain(`<w:charset w:val="${face.charset}"/>`);
    expect(entry).toMatch(/<w:family w:val="(roman|swiss)"\/>/);
    named.delete(face.name);
  }
  for (const cjk of [FACES.song, FACES.hei, FACES.fangsong, FACES.kai]) expect(d.fontTable).toContain(`<w:font w:name="${cjk.name}"><w:altName w:val="${cjk.altName}"/><w:panose1 w:val="${cjk.panose}"/><w:charset w:val="86"/>`);
  expect([...named], 'faces named but missing from the font table').toEqual([]);
  expect(d.styles).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
  // A4 (upright, or across for a wide table), 公文 margins, 「— n —」 centred in the footer.
  const pg = /<w:pgSz [^>]*\/>/.exec(d.document)?.[0] ?? '';
  const m = attr(pg, 'orient') === 'landscape' ? LANDSCAPE_MM : PAGE_MM;
  expect(Number(attr(pg, 'w'))).toBeCloseTo(m.width * MM_TWIP, -1);
  expect(Number(attr(pg, 'h'))).toBeCloseTo(m.height * MM_TWIP, -1);
  const mar = /<w:pgMar [^>]*\/>/.exec(d.document)?.[0] ?? '';
  for (const side of ['top', 'bottom', 'left', 'right'] as const) expect(Number(attr(mar, side))).toBeCloseTo(m[side] * MM_TWIP, -1);
  expect(d.footers.join('')).toMatch(/— <\/w:t>[\s\S]*PAGE[\s\S]*<w:t[^>]*> —<\/w:t>/);
  return textRuns.length;
}
