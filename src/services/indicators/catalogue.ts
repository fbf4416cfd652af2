/** The shipped indicator catalogue (resources/indicators/indicators.json), checked against the field catalogue. */
import type { DB } from '../db/database';
import type { IndicatorCatalogue, NumericFieldType } from '../../domain/indicators/types';
import { validateIndicatorCatalogue, type FieldShape } from '../../domain/indicators/validate';
import { IndicatorEngine, type RestatedBases } from '../../domain/indicators/evaluate';
import { getCatalogue } from '../catalogue/fields';
import { readResourceJson } from '../resources';
import { fail } from '../../domain/result';

let shipped: IndicatorCatalogue | null = null;

export function loadIndicatorCatalogue(): IndicatorCatalogue {
  if (!shipped) shipped = readResourceJson<IndicatorCatalogue>('indicators', 'indicators.json');
  return shipped;
}

export function fieldShapes(db: DB): Map<string, FieldShape> {
  return new Map(getCatalogue(db).fields.map((f) => [f.key, { type: f.type, dimension: f.dimension ?? null }]));
}

const engines = new WeakMap<DB, IndicatorEngine>();

/** The fields that give a balance's own base (年初数, 上年同期数), from the current catalogue. */
function restatedBases(db: DB): RestatedBases {
  const out = new Map<string, Partial<Record<'yearStart' | 'lastYear', string>>>();
  for (const f of getCatalogue(db).fields) if (f.restates) out.set(f.restates.field, { ...out.get(f.restates.field), [f.restates.at]: f.key });
  return out;
}

/** The engine for this database's current field catalogue; the catalogue is validated once. */
export function indicatorEngine(db: DB, catalogue: IndicatorCatalogue = loadIndicatorCatalogue()): IndicatorEngine {
  const hit = engines.get(db);
  if (hit && hit.catalogue === catalogue) return hit;
  const shapes = fieldShapes(db);
  const problems = validateIndicatorCatalogue(catalogue, shapes);
  if (problems.length) fail('E_INDICATOR_CATALOGUE', { problems: problems.join('；') });
  const types = new Map<string, NumericFieldType>();
  for (const [k, s] of shapes) if (s.type === 'amount' || s.type === 'rate' || s.type === 'count') types.set(k, s.type);
  const engine = new IndicatorEngine(catalogue, types, restatedBases(db));
  if (catalogue === loadIndicatorCatalogue()) engines.set(db, engine);
  return engine;
}
