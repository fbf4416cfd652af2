/** Checks an indicator catalogue against the field catalogue before it is used. */
import { fieldsOf, refsOf } from './evaluate';
import type { IndicatorCatalogue, NumericFieldType } from './types';

export interface FieldShape {
  type: NumericFieldType | 'text' | 'date';
  dimension: string | null;
}

const KINDS = new Set(['amount', 'count', 'ratio', 'ratioDiff']);

/** Returns problems in Chinese; an empty list means the catalogue is usable. */
export function validateIndicatorCatalogue(cat: IndicatorCatalogue, fields: ReadonlyMap<string, FieldShape>): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const d of cat.indicators) {
    if (ids.has(d.id)) problems.push(`指标「${d.id}」重复定义。`);
    ids.add(d.id);
    if (!KINDS.has(d.kind)) problems.push(`指标「${d.id}」的类型「${d.kind}」无效。`);
    if (!d.label || !d.definition || !d.unit) problems.push(`指标「${d.id}」缺少名称、单位或定义。`);
    for (const f of fieldsOf(d.expr)) {
      const shape = fields.get(f);
      if (!shape) problems.push(`指标「${d.id}」引用了不存在的填报项「${f}」。`);
      else if (shape.type === 'text' || shape.type === 'date') problems.push(`指标「${d.id}」引用的填报项「${f}」不是数值。`);
      else if (shape.dimension && shape.dimension !== d.dimension && !usesFixedOrAllMembers(d.expr, f))
        problems.push(`指标「${d.id}」引用了分维度填报项「${f}」，但未声明维度或成员。`);
    }
  }
  for (const d of cat.indicators) {
    for (const r of refsOf(d.expr)) if (!ids.has(r)) problems.push(`指标「${d.id}」引用了不存在的指标「${r}」。`);
  }
  // Reference cycles would never finish evaluating.
  const byId = new Map(cat.indicators.map((d) => [d.id, d]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      problems.push(`指标之间循环引用：${[...path, id].join(' → ')}。`);
      return;
    }
    state.set(id, 'visiting');
    const d = byId.get(id);
    if (d) for (const r of refsOf(d.expr)) visit(r, [...path, id]);
    state.set(id, 'done');
  };
  for (const d of cat.indicators) visit(d.id, []);
  return problems;
}

function usesFixedOrAllMembers(expr: IndicatorCatalogue['indicators'][number]['expr'], field: string): boolean {
  if ('field' in expr) return expr.field !== field || (expr.member !== undefined && expr.member !== '$member');
  if ('ref' in expr || expr.op === 'const') return true;
  if (expr.op === 'growth' || expr.op === 'change') return usesFixedOrAllMembers(expr.arg, field);
  return expr.args.every((a) => usesFixedOrAllMembers(a, field));
}
