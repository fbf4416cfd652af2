/**
 * Pages of a Word document as Word fills them, for the documents this program writes:
 * paragraphs with exact line spacing (so a line is as tall in every face that substitutes
 * for 仿宋), pictures alone in their paragraph, tables whose rows do not split and whose
 * header repeats. It is what lets the draft report size and place its figures so pages are
 * full, and write its table of contents with page numbers. All lengths are in points.
 */

/** Widths in em of the Latin characters the documents print, in Times New Roman. */
const LATIN_EM: Record<string, number> = {
  ' ': 0.25, '.': 0.25, ',': 0.25, ':': 0.278, ';': 0.278, '%': 0.833, '-': 0.333, '+': 0.564, '=': 0.564,
  '(': 0.333, ')': 0.333, '/': 0.278, '!': 0.333, '?': 0.444, '*': 0.5, '#': 0.5, '&': 0.778, "'": 0.18, '"': 0.408,
  '[': 0.333, ']': 0.333, '<': 0.564, '>': 0.564, '_': 0.5, '|': 0.2,
};

function latinEm(ch: string): number {
  const known = LATIN_EM[ch];
  if (known !== undefined) return known;
  if (/[0-9]/.test(ch)) return 0.5;
  if (/[A-Z]/.test(ch)) return 0.667;
  return 0.47;
}

/** A character printed full width (ideographs, kana, full-width forms and CJK punctuation). */
function isWide(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c >= 0x1100 && !(c >= 0x2000 && c <= 0x206f && c !== 0x2014 && c !== 0x2026);
}

/** Punctuation that may not start a line: it stays with what comes before, hanging past the margin if need be (as Word's 允许标点溢出边界 and LibreOffice's hanging punctuation do). */
const CLOSING = new Set([...'，。、；：？！）」』》〉】”’…%,.;:!?)']);
/** Punctuation that may not end a line. */
const OPENING = new Set([...'（「『《〈【“‘(']);

interface Piece {
  width: number;
  /** Width that may hang past the margin at a line's end. */
  hang: number;
}

/** The unbreakable pieces of a text: a wide character each, a Latin word whole, with the kinsoku rules above. */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let word = 0;
  let glue = false;
  const push = (w: number): void => {
    if (glue && out.length > 0) {
      const last = out[out.length - 1] as Piece;
      last.width += w;
    } else out.push({ width: w, hang: 0 });
    glue = false;
  };
  const flush = (): void => {
    if (word > 0) push(word);
    word = 0;
  };
  for (const ch of text) {
    if (CLOSING.has(ch)) {
      flush();
      const w = isWide(ch) ? 1 : latinEm(ch);
      const last = out[out.length - 1];
      if (last) last.hang += w;
      else out.push({ width: 0, hang: w });
      continue;
    }
    if (isWide(ch)) {
      flush();
      push(1);
      if (OPENING.has(ch)) glue = true;
    } else if (ch === ' ') {
      flush();
      out.push({ width: latinEm(' '), hang: 0 });
    } else {
      if (OPENING.has(ch) && word === 0) {
        push(latinEm(ch));
        glue = true;
      } else word += latinEm(ch);
    }
  }
  flush();
  return out;
}

/**
 * How many lines a text takes at `size` points in a column `width` points wide, the first
 * line indented by `firstIndent`. Explicit line breaks start a new line.
 */
export function lineCount(text: string, width: number, size: number, firstIndent = 0): number {
  let lines = 0;
  text.split('\n').forEach((part, i) => {
    let room = width - (i === 0 ? firstIndent : 0);
    let used = 0;
    lines += 1;
    for (const p of pieces(part)) {
      const w = p.width * size;
      if (used + w > room + 0.01 && used > 0) {
        lines += 1;
        room = width;
        used = 0;
      }
      used += w + p.hang * size;
      // Hanging punctuation may overflow the margin; the next piece starts a new line.
      if (used > room + 0.01) used = room + 0.02;
    }
  });
  return lines;
}

/** What the paginator knows of a paragraph or table. */
export type FlowItem =
  | { kind: 'lines'; lines: number; lineHeight: number; before: number; after: number; keepNext: boolean; keepLines: boolean; pageBreakBefore?: boolean }
  | { kind: 'box'; height: number; before: number; after: number; keepNext: boolean }
  | { kind: 'rows'; header: number; rows: number[] };

export interface Placed {
  /** The page the item starts on, from 0. */
  page: number;
  /** Where it starts on that page, from the top of the text area (after its space before). */
  top: number;
}

export interface FlowState {
  page: number;
  /** Height used on the page. */
  y: number;
}

/** Points a page's figures leave unused when they are sized to fill it. */
const FIT_MARGIN = 6;

/** Word's widow and orphan control: a split paragraph keeps at least two lines on each page. */
const MIN_LINES = 2;

/** The height an item needs on the page it starts on to start there: a paragraph its first lines (all, when kept together), a picture all of it, a table its header and first row. */
function firstPart(it: FlowItem): number {
  if (it.kind === 'box') return it.before + it.height;
  if (it.kind === 'rows') return it.header + (it.rows[0] ?? 0);
  const lines = it.keepLines || it.lines < 2 * MIN_LINES ? it.lines : MIN_LINES;
  return it.before + lines * it.lineHeight;
}

function fullHeight(it: FlowItem): number {
  if (it.kind === 'box') return it.before + it.height + it.after;
  if (it.kind === 'rows') return it.header + it.rows.reduce((a, b) => a + b, 0);
  return it.before + it.lines * it.lineHeight + it.after;
}

/**
 * Lays items out on pages `pageHeight` tall from `state`, as Word does: a paragraph splits
 * between lines (two at least on each side), a picture moves whole to the next page, a
 * table breaks between rows with its header repeated, and a run of keep-with-next items
 * moves to the next page with the start of the item after it (`follow`: the first item of
 * what comes next, for a run that ends these items). Returns where each item starts and the
 * state after the last.
 */
export function paginate(items: readonly FlowItem[], pageHeight: number, from: FlowState = { page: 0, y: 0 }, follow?: FlowItem): { placed: Placed[]; end: FlowState } {
  let { page, y } = from;
  const placed: Placed[] = [];
  const newPage = (): void => {
    page += 1;
    y = 0;
  };
  for (let i = 0; i < items.length; i++) {
    const it = items[i] as FlowItem;
    if (it.kind === 'lines' && it.pageBreakBefore && (y > 0 || page > from.page || i > 0)) newPage();
    // A keep-with-next run starting here: it and the first part of the item after it stay on one page.
    let need = 0;
    let j = i;
    while (j < items.length) {
      const cur = items[j] as FlowItem;
      const keeps = cur.kind !== 'rows' && cur.keepNext && (j + 1 < items.length || follow !== undefined);
      need += keeps ? fullHeight(cur) : firstPart(cur);
      if (!keeps) break;
      j += 1;
      if (j === items.length && follow) need += firstPart(follow);
    }
    if (y > 0 && y + need > pageHeight + 0.01 && need <= pageHeight) newPage();
    if (it.kind === 'box') {
      if (y > 0 && y + it.before + it.height > pageHeight + 0.01) newPage();
      placed.push({ page, top: y + it.before });
      y = Math.min(pageHeight, y + it.before + it.height + it.after);
    } else if (it.kind === 'rows') {
      placed.push({ page, top: y });
      y += it.header;
      for (const r of it.rows) {
        if (y + r > pageHeight + 0.01 && y > it.header) {
          newPage();
          y = it.header;
        }
        y += r;
      }
    } else {
      y += it.before;
      let fit = Math.floor((pageHeight - y + 0.01) / it.lineHeight);
      if (fit < it.lines && (it.keepLines || it.lines < 2 * MIN_LINES || fit < MIN_LINES) && y > it.before) {
        newPage();
        y = it.before;
        fit = Math.floor((pageHeight - y + 0.01) / it.lineHeight);
      }
      placed.push({ page, top: y });
      if (it.lines <= fit) {
        y = Math.min(pageHeight, y + it.lines * it.lineHeight + it.after);
        continue;
      }
      const perPage = Math.max(1, Math.floor((pageHeight + 0.01) / it.lineHeight));
      let left = it.lines - Math.max(1, Math.min(fit, it.lines - MIN_LINES));
      newPage();
      while (left > perPage) {
        left -= Math.max(1, Math.min(perPage, left - MIN_LINES));
        newPage();
      }
      y = Math.min(pageHeight, left * it.lineHeight + it.after);
    }
  }
  return { placed, end: { page, y } };
}

/** A block of a document as the planner sees it: paragraphs and tables that flow, or a figure it may size and move. */
export type PlanBlock =
  | {
      kind: 'flow';
      items: FlowItem[];
      /** A figure may be moved after it (a paragraph or a subheading); not past a section heading or a table. */
      passable: boolean;
    }
  | {
      kind: 'figure';
      /** The picture's height at the text width, and the least it may be shrunk to. */
      height: number;
      minHeight: number;
      /** Space before the picture, and the caption under it (kept with the picture). */
      before: number;
      caption: FlowItem;
    };

export interface Plan {
  /** The blocks in the order they are written. */
  order: number[];
  /** The height each figure is printed at, by block index. */
  heights: Map<number, number>;
  /** The page each block starts on (from 0), by block index. */
  pages: Map<number, number>;
  /** Pages the blocks fill. */
  pageCount: number;
}

/**
 * Sizes and places figures so pages are full. A figure that fits the room left on its page
 * goes there, shrunk (to no less than its least height) when that makes it fit; otherwise
 * the paragraphs after it fill the page first and the figure follows the paragraph that
 * runs onto the next page — as far as the next figure, section heading or table, so a
 * figure never travels more than a page from where it is cited and figures keep their order.
 */
export function planFigures(blocks: readonly PlanBlock[], pageHeight: number, from: FlowState = { page: 0, y: 0 }): Plan {
  type Figure = Extract<PlanBlock, { kind: 'figure' }>;
  let state = from;
  const order: number[] = [];
  const heights = new Map<number, number>();
  const pages = new Map<number, number>();
  const queue: number[] = [];
  let queuedOn = -1;

  const figureAt = (i: number): Figure | null => {
    const b = blocks[i];
    return b?.kind === 'figure' ? b : null;
  };
  const overhead = (f: Figure): number => f.before + fullHeight(f.caption);
  /**
   * Heights for the figures that follow one another from `i` so that as many as possible
   * fit the room left on the page, all shrunk by one factor no further than each may be;
   * null when not even the first fits.
   */
  const fitRun = (i: number): number[] | null => {
    const run: Figure[] = [];
    for (let j = i; figureAt(j) && !heights.has(j); j++) run.push(figureAt(j) as Figure);
    // A figure shrunk to fill the room exactly would go over on a rounding in Word or LibreOffice: leave a margin.
    const room = pageHeight - state.y - FIT_MARGIN;
    for (let k = run.length; k >= 1; k--) {
      const part = run.slice(0, k);
      const fixedPart = part.reduce((a, f) => a + overhead(f), 0);
      const natural = part.reduce((a, f) => a + f.height, 0);
      if (fixedPart + natural <= room + 0.01) return part.map((f) => f.height);
      const scale = (room - fixedPart) / natural;
      if (part.every((f) => f.height * scale >= f.minHeight - 0.01)) return part.map((f) => f.height * scale);
    }
    return null;
  };
  /** The first item of what is written after block i, for a keep-with-next run at its end. */
  const follower = (i: number): FlowItem | undefined => {
    const b = blocks[i + 1];
    if (!b) return undefined;
    return b.kind === 'flow' ? b.items[0] : { kind: 'box', height: heights.get(i + 1) ?? b.minHeight, before: b.before, after: 0, keepNext: true };
  };
  const emit = (i: number, items: FlowItem[]): void => {
    const r = paginate(items, pageHeight, state, follower(i));
    order.push(i);
    pages.set(i, r.placed[0]?.page ?? state.page);
    state = r.end;
  };
  const placeFigure = (i: number): void => {
    const f = figureAt(i) as Figure;
    if (!heights.has(i)) {
      let run = fitRun(i);
      if (run === null) {
        // It goes to the top of the next page, with as many of the figures after it as fit there.
        state = { page: state.page + 1, y: 0 };
        run = fitRun(i) ?? [Math.max(f.minHeight, Math.min(f.height, pageHeight - overhead(f)))];
      }
      run.forEach((h, k) => heights.set(i + k, h));
    }
    emit(i, [{ kind: 'box', height: heights.get(i) as number, before: f.before, after: 0, keepNext: true }, f.caption]);
  };
  const flush = (): void => {
    while (queue.length > 0) placeFigure(queue.shift() as number);
  };

  blocks.forEach((b, i) => {
    if (b.kind === 'figure') {
      if (queue.length > 0) flush();
      const next = blocks[i + 1];
      if (!heights.has(i) && fitRun(i) === null && next?.kind === 'flow' && next.passable) {
        queue.push(i);
        queuedOn = state.page;
        return;
      }
      placeFigure(i);
      return;
    }
    if (!b.passable) flush();
    emit(i, b.items);
    const last = b.items[b.items.length - 1];
    const keeps = last !== undefined && last.kind !== 'rows' && last.keepNext;
    if (queue.length > 0 && !keeps && state.page > queuedOn) flush();
  });
  flush();
  return { order, heights, pages, pageCount: state.page + (state.y > 0 ? 1 : 0) };
}
