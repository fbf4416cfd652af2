/**
 * Pages of a Word document as LibreOffice Writer fills them (where Word differs, Word
 * refreshes the 目录 itself when it opens the draft), for the documents this program writes:
 * paragraphs with exact line spacing (so a line is as tall in every face that substitutes
 * for 仿宋), pictures alone in their paragraph, tables whose rows do not split and whose
 * header repeats. It is what lets the draft report size and place its figures so pages are
 * full, and write its table of contents with page numbers. All lengths are in points.
 */

/*
 * Lines of text as LibreOffice Writer breaks them — the renderer the draft's layout is checked
 * against (tests/charts/draftPages.test.ts and pack.test.ts print drafts through it). What
 * decides where a line ends:
 *
 * - Each character belongs to a script by its Unicode block (LibreOffice's getScriptClass):
 *   ideographs, CJK punctuation and full-width forms are Asian, set in the run's East Asian face;
 *   Basic Latin and Latin-1 (digits, %, ×, ÷) are Latin, set in Times New Roman; spaces and the
 *   other blocks (“ ” − → …) are weak and take the script of the character before them.
 * - Widths: an Asian character is one em but for a few narrower forms; a Latin one is Times New
 *   Roman's advance width (the table below; Liberation Serif, which LibreOffice substitutes, has
 *   the same metrics).
 * - Where a letter or digit of one script meets a letter or digit of the other and either is
 *   Asian, Writer puts a fifth of the font size between them (its automatic 「中西文间距」), unless
 *   the line breaks there.
 * - A line may break between two Asian characters, between Asian and Latin text, and after a
 *   space, never inside a Latin word, never before a character the zh-CN locale forbids to start
 *   a line (，。、；：）」 …) nor after one it forbids to end one (（「“ …); a word that does not fit
 *   moves whole with what is glued to it.
 * - A comma, full stop, 顿号, colon, semicolon, question or exclamation mark after a Chinese
 *   character that does not fit hangs past the margin (Writer's hanging punctuation, zh-CN's
 *   list) — but never in a table cell; after a Latin word, and for a closing bracket or quote,
 *   the word before it goes to the next line with it.
 */

/** Advance widths of Times New Roman from ' ' to '~', in 1/2048 em. */
const TNR_ASCII = [
  512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569,
  1155, 1155, 1155, 909, 1886, 1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479, 1139, 1479, 1366, 1139, 1251, 1479,
  1479, 1933, 1479, 1479, 1251, 682, 569, 682, 961, 1024, 682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024, 1024, 1024, 1024,
  682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108,
];
/** Latin-1 characters the documents print, in 1/2048 em. */
const TNR_MORE: Record<string, number> = { '×': 1155, '÷': 1124, '±': 1124, '§': 1024, '·': 512, '°': 819 };

function latinEm(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  const w = c >= 0x20 && c <= 0x7e ? TNR_ASCII[c - 0x20] : TNR_MORE[ch];
  return (w ?? 1024) / 2048;
}

/** Asian-script characters narrower than an em in the CJK faces (a space among Chinese text, the minus sign). */
const ASIAN_NARROW: Record<string, number> = { ' ': 0.224, '\u00a0': 0.224, '−': 0.555, '—': 0.894 };

type Script = 'asian' | 'latin' | 'weak';

/** The script of a character by its block, as LibreOffice's break iterator assigns it. */
function scriptOf(c: number): Script {
  if (c === 0x20 || c === 0xa0) return 'weak';
  if (c <= 0x02ff || (c >= 0x0370 && c <= 0x058f) || (c >= 0x1e00 && c <= 0x1fff)) return 'latin';
  if (
    (c >= 0x1100 && c <= 0x11ff) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7af) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    c >= 0x20000
  )
    return 'asian';
  return 'weak';
}

/** zh-CN's line-start and line-end rules (LibreOffice's locale data for 简体中文). */
const NO_LINE_START = new Set([...':!),.:;?]}¢\'"、。〉》」』】〕〗〞︰︱︳﹐､﹒﹔﹕﹖﹗﹚﹜﹞！），．：；？｜｝︴︶︸︺︼︾﹀﹂﹄﹏～￠々‖•·ˇˉ―-′’”']);
const NO_LINE_END = new Set([...'([{£¥\'"‵〈《「『【〔〖（［｛￡￥〝︵︷︹︻︽︿﹁﹃﹙﹛﹝“‘']);
/** What may hang past the margin at a line's end. */
const HANGING = new Set([...'!,.:;?、。！，．：；？']);
const SPACE = new Set([' ', '\u3000', '\u00a0']);
/**
 * Where Chinese meets a Latin word, Writer's own line-break rules (its line.txt, UAX #14) also
 * hold: no break between a closing bracket or quote and a Latin letter or digit after it
 * (「（8.04%）1.74个」 breaks before the 「（」), nor between a Latin letter or digit and an
 * opening bracket or quote after it (「LPR（按」 moves whole).
 */
const CLOSE_BEFORE_LATIN = new Set([...'）」』》〉】〕〗］｝)]}”’"\'']);
const OPEN_AFTER_LATIN = new Set([...'（「『《〈【〔〖［｛([{“‘']);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function latinAlnum(c: string | undefined, s: Script | undefined): boolean {
  return s === 'latin' && c !== undefined && LETTER_OR_DIGIT.test(c);
}

interface Unit {
  /** Width up to its trailing spaces, and theirs (free at a line's end). */
  width: number;
  trail: number;
  /** The space Writer puts before it when a script changes there (none at a line's start). */
  kern: number;
  /** The widths of its characters but the trailing spaces (for a unit wider than a line), and whether the last may hang past the margin. */
  chars: number[];
  hangs: boolean;
}

/** A paragraph's unbreakable units, measured at `size` points. */
function units(text: string, size: number): Unit[] {
  const chars = [...text];
  const own = chars.map((ch) => scriptOf(ch.codePointAt(0) ?? 0));
  // A weak character takes the script before it (at the start, the first one after it).
  const firstStrong = own.find((s) => s !== 'weak') ?? 'latin';
  let last: Script = firstStrong;
  const script = own.map((s) => (s === 'weak' ? last : (last = s)));
  // Writer's inter-script space: a fifth of the font height, in whole twips.
  const gap = Math.floor((size * 20) / 5) / 20;
  const out: Unit[] = [];
  let cur: Unit | null = null;
  // Writer takes its hanging and line-start rules from the language of the last letter or digit
  // before the break: after a Latin one (「LPR，」「9.78%，」「19）。」) nothing hangs.
  let lastLetter: Script | null = null;
  chars.forEach((ch, i) => {
    const s = script[i] as Script;
    const w = (s === 'asian' ? (ASIAN_NARROW[ch] ?? 1) : latinEm(ch)) * size;
    const prev = chars[i - 1];
    const kern = i > 0 && s !== script[i - 1] && (s === 'asian' || script[i - 1] === 'asian') && LETTER_OR_DIGIT.test(ch) && LETTER_OR_DIGIT.test(prev ?? '') ? gap : 0;
    if (SPACE.has(ch) && cur) {
      cur.trail += w + kern;
      return;
    }
    const latinWord = s === 'latin' && script[i - 1] === 'latin' && prev !== undefined && !SPACE.has(prev);
    const glued =
      latinWord ||
      NO_LINE_START.has(ch) ||
      NO_LINE_END.has(prev ?? '') ||
      (CLOSE_BEFORE_LATIN.has(prev ?? '') && latinAlnum(ch, s)) ||
      (OPEN_AFTER_LATIN.has(ch) && latinAlnum(prev, script[i - 1]));
    const breaks = cur === null || cur.trail > 0 || !glued;
    const hangs = HANGING.has(ch) && lastLetter === 'asian';
    if (LETTER_OR_DIGIT.test(ch)) lastLetter = s;
    if (breaks || !cur) {
      cur = { width: w, trail: 0, kern, chars: [w], hangs };
      out.push(cur);
    } else {
      cur.width += w + kern;
      cur.chars.push(w + kern);
      cur.hangs = hangs;
    }
  });
  return out;
}

/**
 * How many lines a text takes at `size` points in a column `width` points wide, the first
 * line indented by `firstIndent`, as Writer breaks it (above); `inCell` for a table cell's
 * text, where nothing hangs. Explicit line breaks start a new line.
 */
export function lineCount(text: string, width: number, size: number, firstIndent = 0, inCell = false): number {
  const EPS = 0.01;
  let lines = 0;
  text.split('\n').forEach((part, i) => {
    let room = width - (i === 0 ? firstIndent : 0);
    let used = 0;
    lines += 1;
    const newLine = (): void => {
      lines += 1;
      room = width;
      used = 0;
    };
    for (const u of units(part, size)) {
      const need = (used > 0 ? u.kern : 0) + u.width;
      const hang = u.hangs && !inCell ? (u.chars[u.chars.length - 1] ?? 0) : 0;
      if (used > 0 && used + need - hang > room + EPS) newLine();
      if (used === 0 && u.width - hang > room + EPS) {
        // Wider than a line (a long number in a narrow cell): Writer breaks it where the line is full.
        for (const w of u.chars) {
          if (used > 0 && used + w > room + EPS) newLine();
          used += w;
        }
        used += u.trail;
        continue;
      }
      used += (used > 0 ? u.kern : 0) + u.width + u.trail;
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
  /** The space below the last item on the page (part of y), which the next item's space above overlaps. */
  after?: number;
}

/** Points a page's figures leave unused when they are sized to fill it. */
const FIT_MARGIN = 6;

/** Word's widow and orphan control: a split paragraph keeps at least two lines on each page. */
const MIN_LINES = 2;

/**
 * The space an item's `before` adds below what is already on the page, as Writer spaces
 * paragraphs: none at the top of a page, and where the item above has space below it, only
 * what exceeds that (the larger of the two, not their sum).
 */
function gap(before: number, y: number, after: number): number {
  return y <= 0 ? 0 : Math.max(0, before - after);
}

function spaceOf(it: FlowItem): { before: number; after: number } {
  return it.kind === 'rows' ? { before: 0, after: 0 } : { before: it.before, after: it.after };
}

/** The height an item needs on the page it starts on to start there (below y, after `after`): a paragraph its first lines (all, when kept together), a picture all of it, a table its header and first row. */
function firstPart(it: FlowItem, y: number, after: number): number {
  if (it.kind === 'rows') return it.header + (it.rows[0] ?? 0);
  const g = gap(it.before, y, after);
  if (it.kind === 'box') return g + it.height;
  const lines = it.keepLines || it.lines < 2 * MIN_LINES ? it.lines : MIN_LINES;
  return g + lines * it.lineHeight;
}

function fullHeight(it: FlowItem, y: number, after: number): number {
  if (it.kind === 'rows') return it.header + it.rows.reduce((a, b) => a + b, 0);
  const g = gap(it.before, y, after);
  if (it.kind === 'box') return g + it.height + it.after;
  return g + it.lines * it.lineHeight + it.after;
}

/**
 * Lays items out on pages `pageHeight` tall from `state`, as Word does: a paragraph splits
 * between lines (two at least on each side), a picture moves whole to the next page, a
 * table breaks between rows with its header repeated, and a run of keep-with-next items
 * moves to the next page with the start of the item after it (`follow`: the first item of
 * what comes next, for a run that ends these items). Space above an item is dropped at the
 * top of a page and overlaps the space below the item before it (gap). Returns where each
 * item starts and the state after the last.
 */
export function paginate(items: readonly FlowItem[], pageHeight: number, from: FlowState = { page: 0, y: 0 }, follow?: FlowItem): { placed: Placed[]; end: FlowState } {
  let { page, y } = from;
  let after = from.after ?? 0;
  const placed: Placed[] = [];
  const newPage = (): void => {
    page += 1;
    y = 0;
    after = 0;
  };
  for (let i = 0; i < items.length; i++) {
    const it = items[i] as FlowItem;
    if (it.kind === 'lines' && it.pageBreakBefore && (y > 0 || page > from.page || i > 0)) newPage();
    // A keep-with-next run starting here: it and the first part of the item after it stay on one page.
    let need = 0;
    let below = after;
    let j = i;
    while (j < items.length) {
      const cur = items[j] as FlowItem;
      const keeps = cur.kind !== 'rows' && cur.keepNext && (j + 1 < items.length || follow !== undefined);
      need += keeps ? fullHeight(cur, y + need, below) : firstPart(cur, y + need, below);
      below = spaceOf(cur).after;
      if (!keeps) break;
      j += 1;
      if (j === items.length && follow) need += firstPart(follow, y + need, below);
    }
    if (y > 0 && y + need > pageHeight + 0.01 && need <= pageHeight) newPage();
    if (it.kind === 'box') {
      if (y > 0 && y + gap(it.before, y, after) + it.height > pageHeight + 0.01) newPage();
      const top = y + gap(it.before, y, after);
      placed.push({ page, top });
      y = Math.min(pageHeight, top + it.height + it.after);
      after = it.after;
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
      after = 0;
    } else {
      const atTop = y <= 0;
      y += gap(it.before, y, after);
      let fit = Math.floor((pageHeight - y + 0.01) / it.lineHeight);
      if (fit < it.lines && (it.keepLines || it.lines < 2 * MIN_LINES || fit < MIN_LINES) && !atTop) {
        newPage();
        fit = Math.floor((pageHeight + 0.01) / it.lineHeight);
      }
      placed.push({ page, top: y });
      after = it.after;
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
      after = it.after;
    }
  }
  return { placed, end: { page, y, after } };
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
  /** A figure's space above (against what is above it on the page) and its caption's lines and space below. */
  const overhead = (f: Figure, y: number, after: number): number => gap(f.before, y, after) + fullHeight(f.caption, 1, 0);
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
      const fixedPart = part.reduce((a, f, n) => a + (n === 0 ? overhead(f, state.y, state.after ?? 0) : overhead(f, 1, spaceOf((part[n - 1] as Figure).caption).after)), 0);
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
        run = fitRun(i) ?? [Math.max(f.minHeight, Math.min(f.height, pageHeight - overhead(f, 0, 0)))];
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
