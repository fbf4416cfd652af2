/** The measures a county target can be set on (resources/progress/measures.json): each says stock or flow and how it is judged. */
import { readResourceJson } from '../resources';
import { fail, failure } from '../../domain/result';
import type { MeasureKind, ProgressJudge } from '../../domain/progress';

export interface ProgressMeasure {
  /** What a county target stores (county_targets.indicator). */
  id: string;
  /** The county indicator read from the reports (resources/indicators). */
  indicator: string;
  label: string;
  /** A few characters for a narrow column (当年累放, 余额（按增量）). */
  short: string;
  kind: MeasureKind;
  judge: ProgressJudge;
  /** The measure's definition in words, shown with the table and printed under it. */
  definition: string;
  aliases: string[];
}

interface MeasureFile {
  default: string;
  measures: ProgressMeasure[];
}

let cached: MeasureFile | null = null;

/** A flow judged against 时序进度 is fine; a stock may not be (a balance is never zero on 1 January). */
function checked(f: MeasureFile): MeasureFile {
  for (const m of f.measures) {
    if (m.kind === 'stock' && m.judge === 'elapsed') throw failure('E_MEASURE_STOCK', { label: m.label });
    if (m.kind === 'flow' && m.judge !== 'elapsed') throw failure('E_MEASURE_FLOW', { label: m.label });
  }
  if (!f.measures.some((m) => m.id === f.default)) throw failure('E_MEASURE_DEFAULT', { id: f.default });
  return f;
}

function file(): MeasureFile {
  if (!cached) cached = checked(readResourceJson<MeasureFile>('progress', 'measures.json'));
  return cached;
}

export function listMeasures(): ProgressMeasure[] {
  return file().measures;
}

export function defaultMeasure(): ProgressMeasure {
  return measure(file().default);
}

export function measure(id: string): ProgressMeasure {
  const m = file().measures.find((x) => x.id === id);
  if (!m) fail('E_MEASURE_UNKNOWN', { measure: id, known: file().measures.map((x) => `${x.id}（${x.label}）`).join('、') });
  return m;
}

/** Finds a measure by id, label or a word analysts write in a targets sheet (累放, 余额, 新增). */
export function measureByName(text: string): ProgressMeasure | null {
  const t = text.trim();
  return file().measures.find((m) => m.id === t || m.label === t || m.aliases.includes(t)) ?? null;
}
