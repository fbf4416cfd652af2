/**
 * Recognising the two shapes of an analyst's history sheet.
 *
 * Long: one value per row under the header 机构, 报告期, 字段, 成员, 数值 (any order; 成员 may be
 * absent when every field is a scalar one). Wide: institutions down the first columns,
 * fields or quarters across, the header often merged over several columns (「涉农贷款余额」
 * over 2024Q1…2024Q4) and a title above (「2024年各机构涉农贷款情况」). For a wide sheet a
 * mapping is proposed from the header texts; the analyst confirms or corrects it.
 */
import { columnLetter } from '../catalogue/layout';
import { quarterId } from '../quarter';
import { compactText, decodeAddress, type Grid } from './grid';
import type { FieldIndex } from './fields';
import { quarterFromText } from './period';
import type { LongHeader, WideColumn, WideMapping } from './types';

const LONG_NAMES: Record<Exclude<keyof LongHeader, 'row'>, readonly string[]> = {
  institution: ['机构', '机构名称', '金融机构', '机构代码', '填报机构'],
  quarter: ['报告期', '季度', '期间', '报告期间'],
  field: ['字段', '指标', '项目', '字段代码', '指标名称'],
  member: ['成员', '维度成员', '成员名称'],
  value: ['数值', '值', '数据'],
};

/** The long header in the sheet's first rows, or null. */
export function findLongHeader(grid: Grid, scanRows = 10): LongHeader | null {
  for (let r = 1; r <= Math.min(scanRows, grid.rows); r++) {
    const found: Partial<Record<keyof typeof LONG_NAMES, number>> = {};
    for (let c = 1; c <= grid.cols; c++) {
      const t = compactText(grid.text(r, c));
      for (const [role, names] of Object.entries(LONG_NAMES) as [keyof typeof LONG_NAMES, readonly string[]][]) {
        if (found[role] === undefined && names.includes(t)) found[role] = c;
      }
    }
    if (found.institution && found.quarter && found.field && found.value) {
      return { row: r, institution: found.institution, quarter: found.quarter, field: found.field, member: found.member ?? null, value: found.value };
    }
  }
  return null;
}

/** Rows that total or annotate the others, not an institution's figures. */
const SKIP_ROW = /^(合计|总计|小计|全市|全区|全县|汇总|注|备注|说明|填表说明|数据来源|单位[:：])/u;

export function isSkippedRowLabel(text: string): boolean {
  return SKIP_ROW.test(compactText(text));
}

export interface WideProposal {
  mapping: WideMapping;
  /** Texts above the header (the sheet title), read for a quarter or field every column shares. */
  titles: string[];
  /** The header cells, row by row, as the fingerprint is taken from. */
  signature: string[][];
}

/** Letters → column number (C → 3). */
export function columnNumber(letter: string): number | null {
  return decodeAddress(`${letter.toUpperCase()}1`)?.col ?? null;
}

/**
 * The header cells a wide sheet's fingerprint is taken from: every header row's shown
 * text across the sheet's columns (compacted). The same layout next time gives the same.
 */
export function headerSignature(grid: Grid, headerRows: readonly number[]): string[][] {
  return headerRows.map((r) => Array.from({ length: grid.cols }, (_v, i) => compactText(grid.shown(r, i + 1))));
}

/**
 * Proposes how to read a wide sheet: the institution column is the one (among the first
 * four) whose cells most often name a registered institution; rows above the first such
 * cell are the header (a row with a single text across is a title); each other column is
 * read for a quarter and a field (and member) in its header texts, then in the titles and
 * the sheet name. A column where either stays unknown is proposed as not imported.
 */
export function proposeWide(grid: Grid, isInstitution: (text: string) => boolean, fields: FieldIndex): WideProposal | null {
  let best: { col: number; count: number; first: number } | null = null;
  for (let c = 1; c <= Math.min(4, grid.cols); c++) {
    let count = 0;
    let first = 0;
    for (let r = 1; r <= grid.rows; r++) {
      const t = grid.text(r, c);
      if (t && isInstitution(t)) {
        count++;
        if (!first) first = r;
      }
    }
    if (count > 0 && (!best || count > best.count)) best = { col: c, count, first };
  }
  if (!best || best.first <= 1) return null;
  const instCol = best.col;
  const contextRows: number[] = [];
  for (let r = 1; r < best.first; r++) {
    if (Array.from({ length: grid.cols }, (_v, i) => grid.shown(r, i + 1)).some((t) => t !== '')) contextRows.push(r);
  }
  const titles: string[] = [];
  const headerRows: number[] = [];
  for (const r of contextRows) {
    const texts = new Set(Array.from({ length: grid.cols }, (_v, i) => grid.shown(r, i + 1)).filter((t) => t !== ''));
    if (texts.size === 1 && grid.cols > 2) titles.push([...texts][0] ?? '');
    else headerRows.push(r);
  }
  if (headerRows.length === 0) return null;
  const context = [...titles, grid.sheet];
  const columns: WideColumn[] = [];
  for (let c = 1; c <= grid.cols; c++) {
    if (c === instCol) continue;
    // A header merged down over several header rows reads once.
    const parts = headerRows.map((r) => grid.shown(r, c)).filter((t, i, all) => t !== '' && t !== all[i - 1]);
    const hasData = Array.from({ length: Math.max(0, grid.rows - best.first + 1) }, (_v, i) => grid.text(best.first + i, c)).some((t) => t !== '');
    if (parts.length === 0 && !hasData) continue;
    columns.push({ column: columnLetter(c), header: parts.join(' / '), ...readColumn(parts, context, fields) });
  }
  return {
    mapping: { institutionColumn: columnLetter(instCol), headerRows, firstDataRow: best.first, columns },
    titles,
    signature: headerSignature(grid, headerRows),
  };
}

function readColumn(parts: readonly string[], context: readonly string[], fields: FieldIndex): Pick<WideColumn, 'field' | 'member' | 'quarter'> {
  const quarterIn = (texts: readonly string[]): string | null => {
    for (const t of texts) {
      const q = quarterFromText(t);
      if (q) return quarterId(q);
    }
    return null;
  };
  const quarter = quarterIn(parts) ?? quarterIn(context);
  // A field named by one header text, or by two read together (「涉农贷款」 over 「余额」).
  const fieldTexts = (texts: readonly string[]): string[] => {
    const out: string[] = [];
    for (const t of texts) if (fields.candidates(t).length > 0) out.push(t);
    for (let i = 0; i + 1 < texts.length; i++) {
      const joined = `${texts[i] ?? ''}${texts[i + 1] ?? ''}`;
      if (fields.candidates(joined).length > 0) out.push(joined);
    }
    return out;
  };
  const members = parts.filter((t) => fields.isMember(t));
  const candidates = [...fieldTexts(parts), ...fieldTexts(context)];
  for (const f of candidates) {
    for (const m of members.length > 0 ? members : ['']) {
      const hit = fields.lookup(f, m);
      if (hit.ok) return { field: hit.match.input.key, member: hit.match.input.member, quarter };
    }
  }
  return { field: null, member: null, quarter };
}
