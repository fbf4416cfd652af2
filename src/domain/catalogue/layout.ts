/**
 * Where every label and input of the quarterly template sits. The template
 * writer draws this layout and the importer reads it back (by defined name
 * first, by sheet and cell when a clerk's program dropped the names), so the
 * two can never disagree.
 */
import { type Catalogue, type FieldDef, type RegionContext, type FieldType, dimensionMembers, fieldMap } from './types';
import type { CalendarDate } from '../quarter';

/** A value in an input cell as a clerk would have typed it: number, text, a calendar date, or blank. */
export type FormValue = number | string | CalendarDate | null;

export interface InputCell {
  definedName: string;
  sheet: string;
  /** A1 address of the cell (the top-left of a merged area). */
  cell: string;
  row: number;
  col: number;
  /** Merged width in columns (1 = a single cell). */
  span: number;
  key: string;
  member: string | null;
  memberName: string | null;
  label: string;
  section: string;
  unit: string;
  type: FieldType;
  field: FieldDef;
  /** What the check rules ask of this cell, in words (不大于「涉农贷款余额」), for the form's notes and prompts. */
  hint?: string;
  /**
   * What the clerk sees beside the cell on the form: the row's label (column A of
   * the same row, or the row above for a text section) and the column's header
   * (null where the section has no header row: the cover and text sections). The
   * importer checks both before it trusts a cell, so a row inserted or deleted by
   * a program that leaves the defined names stale (or drops them) is caught.
   */
  rowLabel: FormText;
  colHeader: FormText | null;
  /** Set for grid rows whose members come from the region's registry (chains, units), not from the catalogue. */
  memberSource?: 'chains' | 'units';
}

/** A label or header of the form: where it is drawn and what it says. */
export interface FormText {
  row: number;
  col: number;
  text: string;
}

export type LayoutItem =
  | { kind: 'title' | 'subtitle' | 'section' | 'header' | 'label' | 'unit' | 'note' | 'meta'; row: number; col: number; span: number; text: string }
  | { kind: 'input'; row: number; col: number; span: number; input: InputCell };

export interface SheetLayout {
  id: string;
  name: string;
  /** Column widths in characters, A first. */
  widths: number[];
  /** Rows above this number stay visible when scrolling. */
  freezeRows: number;
  items: LayoutItem[];
  /** Rows that hold long text and need extra height. */
  tallRows: number[];
}

export interface TemplateLayout {
  templateVersion: string;
  region: string;
  sheets: SheetLayout[];
  inputs: InputCell[];
  /** Defined name of the cell holding the template version. */
  versionName: string;
  versionCell: { sheet: string; cell: string };
  regionName: string;
  regionCell: { sheet: string; cell: string };
  /** The 报送区域 label beside the region cell (checked like an input's row label). */
  regionLabel: FormText;
}

export const NAME_PREFIX = 'RV_';
export const VERSION_NAME = 'RV__template_version';
export const REGION_NAME = 'RV__region';

export function definedNameFor(key: string, member: string | null): string {
  return member ? `${NAME_PREFIX}${key}__${member}` : `${NAME_PREFIX}${key}`;
}

export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

function headerText(label: string, unit: string): string {
  return unit ? `${label}（${unit}）` : label;
}

/** The 填报说明 beside a form row: the field's own help, else what the check rules ask of it. */
function noteFor(f: FieldDef, hints: ReadonlyMap<string, string>): string {
  return f.help ?? hints.get(f.key) ?? '';
}

/**
 * The layout of a catalogue for a region. `hints` are the check rules' words per field key
 * (domain/rules/hints.ts); the layout itself never depends on the rules.
 */
export function buildLayout(cat: Catalogue, ctx: RegionContext, hints: ReadonlyMap<string, string> = new Map()): TemplateLayout {
  const fields = fieldMap(cat);
  const field = (key: string): FieldDef => {
    const f = fields.get(key);
    if (!f) throw new Error(`catalogue ${cat.templateVersion}: unknown field ${key}`);
    return f;
  };
  const sheets: SheetLayout[] = [];
  const inputs: InputCell[] = [];
  let versionCell = { sheet: '', cell: '' };
  let regionCell = { sheet: '', cell: '' };
  let regionLabel: FormText = { row: 0, col: 0, text: '' };

  for (const sheetDef of cat.sheets) {
    if (sheetDef.regions && !sheetDef.regions.includes(ctx.region.code)) continue;
    const sections = cat.sections.filter((s) => s.sheet === sheetDef.id);
    const isCover = sheetDef.id === 'cover';
    const items: LayoutItem[] = [];
    const tallRows: number[] = [];
    // A table or grid with more than three value columns widens the sheet (label + one column each).
    const valueColumns = Math.max(3, ...sections.map((sec) => (sec.kind === 'table' ? sec.columns.length : sec.kind === 'grid' ? sec.fields.length : 3)));
    const widths = isCover ? [26, 22, 22, 22] : [valueColumns > 3 ? 44 : 40, ...Array.from({ length: valueColumns }, () => (valueColumns > 3 ? 15 : 20))];
    const fullSpan = widths.length;
    const sheetName = sheetDef.name;
    const addInput = (
      row: number,
      col: number,
      span: number,
      f: FieldDef,
      member: { code: string; name: string } | null,
      section: string,
      label: string,
      seen: { rowLabel: FormText; colHeader: FormText | null; memberSource?: 'chains' | 'units' },
    ): void => {
      const input: InputCell = {
        definedName: definedNameFor(f.key, member?.code ?? null),
        sheet: sheetName,
        cell: a1(row, col),
        row,
        col,
        span,
        key: f.key,
        member: member?.code ?? null,
        memberName: member?.name ?? null,
        label,
        section,
        unit: f.unit,
        type: f.type,
        field: f,
        ...(hints.has(f.key) ? { hint: hints.get(f.key) } : {}),
        ...seen,
      };
      inputs.push(input);
      items.push({ kind: 'input', row, col, span, input });
    };

    let row = 1;
    items.push({ kind: 'title', row, col: 1, span: fullSpan, text: cat.title });
    row++;
    items.push({
      kind: 'subtitle',
      row,
      col: 1,
      span: fullSpan,
      text: isCover
        ? `（${ctx.region.province}${ctx.region.name}·按季报送，每季度结束后5日内报送）`
        : sections.some((sec) => sec.kind !== 'text')
          ? `${sheetName}　　金额单位：万元`
          : sheetName,
    });
    row += 2;
    let freezeRows = 3;

    /** Draws a label or header and returns it, so the inputs it names can carry it. */
    const put = (kind: 'header' | 'label', row: number, col: number, span: number, text: string): FormText => {
      items.push({ kind, row, col, span, text });
      return { row, col, text };
    };
    for (const sec of sections) {
      if (sec.kind === 'grid' && dimensionMembers(cat, sec.dimension, ctx).length === 0) continue;
      if (!isCover) {
        items.push({ kind: 'section', row, col: 1, span: fullSpan, text: sec.title });
        row++;
        for (const note of sec.notes ?? []) {
          items.push({ kind: 'note', row, col: 1, span: fullSpan, text: `注：${note}` });
          row++;
        }
      }
      if (sec.kind === 'form') {
        let valueHeader: FormText | null = null;
        if (!isCover) {
          put('header', row, 1, 1, '项目');
          valueHeader = put('header', row, 2, 1, '数值');
          put('header', row, 3, 1, '单位');
          put('header', row, 4, fullSpan - 3, '填报说明');
          row++;
        }
        for (const key of sec.fields) {
          const f = field(key);
          const rowLabel = put('label', row, 1, 1, f.required ? `${f.label} *` : f.label);
          if (isCover) {
            addInput(row, 2, 3, f, null, sec.title, f.label, { rowLabel, colHeader: null });
          } else {
            addInput(row, 2, 1, f, null, sec.title, f.label, { rowLabel, colHeader: valueHeader });
            items.push({ kind: 'unit', row, col: 3, span: 1, text: f.unit });
            items.push({ kind: 'note', row, col: 4, span: fullSpan - 3, text: noteFor(f, hints) });
          }
          row++;
        }
      } else if (sec.kind === 'table') {
        put('header', row, 1, 1, '项目');
        const headers = sec.columns.map((c, i) => put('header', row, 2 + i, 1, headerText(c.header, c.unit)));
        if (freezeRows === 3 && sections[0] === sec) freezeRows = row;
        row++;
        for (const r of sec.rows) {
          const rowLabel = put('label', row, 1, 1, r.label);
          sec.columns.forEach((c, i) => {
            const key = r.cells[c.id];
            if (key) {
              const f = field(key);
              addInput(row, 2 + i, 1, f, null, sec.title, f.label, { rowLabel, colHeader: headers[i] ?? null });
            } else {
              items.push({ kind: 'note', row, col: 2 + i, span: 1, text: '—' });
            }
          });
          row++;
        }
      } else if (sec.kind === 'grid') {
        const dim = cat.dimensions[sec.dimension];
        put('header', row, 1, 1, dim.label);
        const headers = sec.fields.map((key, i) => {
          const f = field(key);
          return put('header', row, 2 + i, 1, headerText(f.label, f.unit));
        });
        if (freezeRows === 3 && sections[0] === sec) freezeRows = row;
        row++;
        for (const m of dimensionMembers(cat, sec.dimension, ctx)) {
          const rowLabel = put('label', row, 1, 1, m.name);
          sec.fields.forEach((key, i) => {
            const f = field(key);
            addInput(row, 2 + i, 1, f, m, sec.title, `${m.name}·${f.label}`, { rowLabel, colHeader: headers[i] ?? null, ...(dim.source ? { memberSource: dim.source } : {}) });
          });
          row++;
        }
        if (sec.totalRow) {
          // 合计 reported by the bank (each loan counted once), below the members it totals.
          const total = sec.totalRow;
          const rowLabel = put('label', row, 1, 1, total.label);
          sec.fields.forEach((key, i) => {
            const totalKey = total.cells[key];
            if (totalKey) {
              const f = field(totalKey);
              addInput(row, 2 + i, 1, f, null, sec.title, f.label, { rowLabel, colHeader: headers[i] ?? null });
            } else {
              items.push({ kind: 'note', row, col: 2 + i, span: 1, text: '—' });
            }
          });
          row++;
        }
      } else {
        for (const key of sec.fields) {
          const f = field(key);
          const rowLabel = put('label', row, 1, fullSpan, f.required ? `${f.label} *` : f.label);
          row++;
          addInput(row, 1, fullSpan, f, null, sec.title, f.label, { rowLabel, colHeader: null });
          tallRows.push(row);
          row++;
        }
      }
      row++;
    }

    if (isCover) {
      items.push({ kind: 'meta', row, col: 1, span: 1, text: '报送区域' });
      regionLabel = { row, col: 1, text: '报送区域' };
      items.push({ kind: 'meta', row, col: 2, span: 1, text: ctx.region.name });
      regionCell = { sheet: sheetName, cell: a1(row, 2) };
      row++;
      items.push({ kind: 'meta', row, col: 1, span: 1, text: '模板版本' });
      items.push({ kind: 'meta', row, col: 2, span: 1, text: cat.templateVersion });
      versionCell = { sheet: sheetName, cell: a1(row, 2) };
      row++;
      items.push({
        kind: 'note',
        row: row + 1,
        col: 1,
        span: 4,
        text: [
          '填报须知：',
          '1. 黄色底纹单元格为填报项，选中时显示填报说明，其余单元格已锁定；',
          '2. 金额单位为万元，保留两位小数；',
          '3. 带 * 的为必填项，无发生额填 0；',
          '4. 请勿增删行列、修改工作表名称；',
          '5. 每季度结束后5日内报送人民银行。',
        ].join('\n'),
      });
      tallRows.push(row + 1);
      freezeRows = 0;
    }
    sheets.push({ id: sheetDef.id, name: sheetName, widths, freezeRows, items, tallRows });
  }

  return {
    templateVersion: cat.templateVersion,
    region: ctx.region.code,
    sheets,
    inputs,
    versionName: VERSION_NAME,
    versionCell,
    regionName: REGION_NAME,
    regionCell,
    regionLabel,
  };
}
