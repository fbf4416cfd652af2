/** The measures a county target can be set on (resources/progress/measures.json). */
import { readResourceJson } from '../resources';
import { fail } from '../../domain/result';

export interface ProgressMeasure {
  indicator: string;
  label: string;
  /** stock: a balance, judged at the end; flow: amounts of each year, added up over a three-year action. */
  accumulate: 'stock' | 'flow';
  aliases: string[];
}

interface MeasureFile {
  default: string;
  measures: ProgressMeasure[];
}

let cached: MeasureFile | null = null;

function file(): MeasureFile {
  if (!cached) cached = readResourceJson<MeasureFile>('progress', 'measures.json');
  return cached;
}

export function defaultMeasure(): ProgressMeasure {
  return measure(file().default);
}

export function measure(indicator: string): ProgressMeasure {
  const m = file().measures.find((x) => x.indicator === indicator);
  if (!m) fail('E_MEASURE_UNKNOWN', `进度表口径「${indicator}」不可用，可选：${file().measures.map((x) => `${x.indicator}（${x.label}）`).join('、')}。`);
  return m;
}

/** Finds a measure by id, label or a word analysts write in a targets sheet (累放, 余额, 新增). */
export function measureByName(text: string): ProgressMeasure | null {
  const t = text.trim();
  return file().measures.find((m) => m.indicator === t || m.label === t || m.aliases.includes(t)) ?? null;
}
