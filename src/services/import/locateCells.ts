/**
 * Which cell of a workbook holds each input of the form, and whether it can be
 * trusted. A defined name proposes a cell (else the layout's sheet + cell does);
 * domain/import/locate.ts checks the row label and column header there and looks
 * for them elsewhere when they differ. Around that, the defined names themselves
 * are checked: a name defined twice with different targets, or pointing at a
 * hidden sheet, is refused; a form sheet that is hidden is refused (what is
 * stored must be what the sender and the analyst can see); a name pointing at
 * another visible sheet is ignored in favour of the form's own sheet.
 *
 * CSV has no labels: its rows are found by their 定义名称 only (csvLayout.ts has
 * its own checks).
 */
import type { IssueRef } from '../../api/types';
import { a1 } from '../../domain/catalogue/layout';
import type { InputCell, TemplateLayout } from '../../domain/catalogue/layout';
import { cellAt, cellText, type CellAddress, type WorkbookSnapshot } from '../../domain/import/workbook';
import { FormLocator, targetOf, type Target } from '../../domain/import/locate';
import { errorMessage } from '../../domain/errors';

/** A sheet, or a cell of it. */
export interface Where {
  sheet: string | null;
  cell: string | null;
}

export type Located =
  | { at: CellAddress; byName: boolean; note: string | null }
  | {
      error: IssueRef;
      at: Where | null;
      /** The row label is nowhere in the sheet. */
      labelMissing: boolean;
      /** Already reported for an earlier input (one message per hidden sheet). */
      skip: boolean;
    };

function refusal(code: string, message: string, at: Where | null, labelMissing = false, skip = false): Located {
  return { error: { sheet: at?.sheet ?? null, cell: at?.cell ?? null, code, message }, at, labelMissing, skip };
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function hiddenState(wb: WorkbookSnapshot, sheet: string): 'hidden' | 'veryHidden' | undefined {
  return wb.hidden && Object.hasOwn(wb.hidden, sheet) ? wb.hidden[sheet] : undefined;
}

function visibility(state: 'hidden' | 'veryHidden'): string {
  return state === 'veryHidden' ? '设为深度隐藏（在 Excel/WPS 中无法直接取消隐藏）' : '隐藏';
}

export class CellFinder {
  private readonly locator: FormLocator;
  private readonly hiddenNameSheets = new Set<string>();
  private readonly moved = new Map<string, { n: number; stale: number; example: string; at: CellAddress }>();

  constructor(
    private readonly csv: boolean,
    private readonly wb: WorkbookSnapshot,
    private readonly names: Map<string, CellAddress[]>,
  ) {
    this.locator = new FormLocator(wb);
  }

  locateInput(layout: TemplateLayout, input: InputCell): Located | null {
    return this.locate(input.definedName, this.csv ? null : targetOf(layout, input));
  }

  /**
   * Where the value of `definedName` is; null for a CSV row that is not there (a blank).
   * A cell with content in a hidden row or column is refused like a hidden sheet: neither
   * the sender nor the analyst sees what would be stored.
   */
  locate(definedName: string, t: Target | null): Located | null {
    const loc = this.place(definedName, t);
    if (!loc || 'error' in loc || !t) return loc;
    const lines = this.wb.hiddenLines && Object.hasOwn(this.wb.hiddenLines, loc.at.sheet) ? this.wb.hiddenLines[loc.at.sheet] : undefined;
    if (!lines || cellText(cellAt(this.wb, loc.at)) === '') return loc;
    const [, letters = '', digits = '0'] = /^([A-Z]+)(\d+)$/.exec(loc.at.cell) ?? [];
    const line = lines.rows.includes(Number(digits)) ? `第 ${digits} 行` : lines.cols.includes(columnNumber(letters)) ? `${letters} 列` : null;
    return line ? refusal('E_CELL_HIDDEN', errorMessage('E_CELL_HIDDEN', { field: t.name, cell: loc.at.cell, line }), loc.at) : loc;
  }

  private place(definedName: string, t: Target | null): Located | null {
    const targets = this.names.get(definedName) ?? [];
    if (this.csv || !t) {
      const at = targets[0];
      return at ? { at, byName: true, note: null } : null;
    }
    const templateAt = { sheet: t.sheet, cell: a1(t.row, t.col) };
    if (!Object.hasOwn(this.wb.sheets, t.sheet)) {
      return refusal('E_SHEET_MISSING', errorMessage('E_SHEET_MISSING', { sheet: t.sheet }), { sheet: t.sheet, cell: null });
    }
    const state = hiddenState(this.wb, t.sheet);
    if (state) {
      return refusal('E_SHEET_HIDDEN', errorMessage('E_SHEET_HIDDEN', { sheet: t.sheet, how: visibility(state) }), { sheet: t.sheet, cell: null });
    }
    if (targets.length > 1) {
      const where = targets.map((x) => `${x.sheet}!${x.cell}`).join(' 和 ');
      return refusal('E_NAME_TWICE', errorMessage('E_NAME_TWICE', { name: definedName, field: t.name, targets: where }), templateAt);
    }
    const byName = targets[0];
    if (byName && byName.sheet !== t.sheet) {
      const other = hiddenState(this.wb, byName.sheet);
      if (other) {
        const first = !this.hiddenNameSheets.has(byName.sheet);
        this.hiddenNameSheets.add(byName.sheet);
        return refusal(
          'E_NAME_HIDDEN',
          errorMessage('E_NAME_HIDDEN', { name: definedName, field: t.name, how: visibility(other), sheet: byName.sheet, formSheet: t.sheet }),
          byName,
          false,
          !first,
        );
      }
      // A visible sheet that is not the form's: the form's own sheet, checked by its labels, is what counts.
    } else if (byName) {
      const found = this.locator.find(t, byName);
      if (found.ok) return this.found(t, definedName, byName, found.at, found.moved, true);
    }
    const found = this.locator.find(t, templateAt);
    if (!found.ok) return refusal(found.code, found.message, found.at, found.labelMissing);
    // Found away from a defined name's target: the name is stale (or points at another sheet).
    if (byName && !(byName.sheet === found.at.sheet && byName.cell === found.at.cell)) return this.found(t, definedName, byName, found.at, true, true);
    return this.found(t, definedName, templateAt, found.at, found.moved, targets.length > 0);
  }

  private found(t: Target, definedName: string, proposed: CellAddress, at: CellAddress, moved: boolean, named: boolean): Located {
    if (!moved) return { at, byName: named, note: null };
    const templateCell = a1(t.row, t.col);
    const label = `项目「${t.label.text.trim()}」${t.header ? `、栏目「${t.header.text.replace(/\s+/gu, '')}」` : ''}`;
    const from = named ? `定义名称 ${definedName} 指向 ${proposed.sheet === t.sheet ? proposed.cell : `${proposed.sheet}!${proposed.cell}`}，模板位置为 ${templateCell}` : `模板位置为 ${templateCell}`;
    const m = this.moved.get(t.sheet) ?? { n: 0, stale: 0, example: `「${t.name}」在 ${at.cell}（模板为 ${templateCell}）`, at };
    m.n++;
    if (named) m.stale++;
    this.moved.set(t.sheet, m);
    return { at, byName: named, note: `按${label}在 ${at.cell} 读取（${from}）` };
  }

  /** One note per sheet where cells were found away from where they were proposed. */
  movedNotes(): IssueRef[] {
    return [...this.moved].map(([sheet, m]) => ({
      sheet,
      cell: m.at.cell,
      code: 'N_CELLS_MOVED',
      message: errorMessage('N_CELLS_MOVED', {
        sheet,
        count: m.n,
        example: m.example,
        stale: m.stale > 0 ? `其中 ${m.stale} 个的定义名称指向了别的单元格（可能用不更新定义名称的程序改动过表格），已不采用。` : '',
      }),
    }));
  }
}
