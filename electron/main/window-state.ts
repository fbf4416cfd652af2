/**
 * The window's bounds and maximized flag, remembered in the user data folder
 * (window-state.json). A saved position that no longer lies on any screen
 * (a monitor was unplugged) is dropped so the window never opens off-screen.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIN_HEIGHT, MIN_WIDTH } from './window-options';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1360, height: 860, maximized: false };

function int(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 100_000 ? v : undefined;
}

/** How many pixels two rectangles share. */
function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Reads saved state, trusting nothing: bad JSON, odd numbers or an off-screen position fall back to defaults. */
export function parseWindowState(text: string | null, workAreas: Rect[]): WindowState {
  if (text === null) return { ...DEFAULT_WINDOW_STATE };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_WINDOW_STATE };
  const r = raw as Record<string, unknown>;
  const width = int(r['width']);
  const height = int(r['height']);
  const state: WindowState = {
    width: width !== undefined && width >= MIN_WIDTH ? width : DEFAULT_WINDOW_STATE.width,
    height: height !== undefined && height >= MIN_HEIGHT ? height : DEFAULT_WINDOW_STATE.height,
    maximized: r['maximized'] === true,
  };
  const x = int(r['x']);
  const y = int(r['y']);
  if (x !== undefined && y !== undefined) {
    const bounds = { x, y, width: state.width, height: state.height };
    // Keep the position only if a good part of the window (a 100×50 corner at least) is on a screen.
    if (workAreas.some((a) => overlap(a, bounds) >= 100 * 50)) {
      state.x = x;
      state.y = y;
    }
  }
  return state;
}

export function loadWindowState(file: string, workAreas: Rect[]): WindowState {
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = null;
  }
  return parseWindowState(text, workAreas);
}

/** Writes atomically (temp file + rename) so a crash never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2));
  renameSync(tmp, file);
}
