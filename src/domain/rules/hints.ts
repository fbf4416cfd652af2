/**
 * The check rules in words, per field: what the template's 填报说明 and in-cell
 * prompts tell the clerk (不大于「涉农贷款余额」). Derived from the rule file, so
 * the form never states a rule the importer does not apply.
 */
import type { Node } from './expr';
import type { CompiledRuleSet } from './types';

type FieldNode = Extract<Node, { t: 'field' }>;

function asField(n: Node): FieldNode | null {
  return n.t === 'field' ? n : null;
}

/** Rules of these shapes have a plain-words hint: a ≤ b, sum(a[*]) ≤ b, abs(t − sum(p…)) ≤ k. */
export function ruleHints(set: CompiledRuleSet): Map<string, string> {
  const out = new Map<string, string[]>();
  const label = (n: FieldNode): string => set.fields.get(n.key)?.label ?? n.key;
  const add = (key: string, text: string): void => {
    const list = out.get(key) ?? [];
    if (!list.includes(text)) list.push(text);
    out.set(key, list);
  };
  for (const r of set.rules) {
    if (r.def.level !== '错误' || r.when || r.check.t !== 'cmp') continue;
    const { op, a, b } = r.check;
    if (op !== '<=') continue;
    const total = asField(b);
    const part = asField(a);
    if (part && total) {
      add(part.key, `不大于${total.member === '$' ? '本行' : ''}「${label(total)}」`);
      continue;
    }
    if (total && a.t === 'call' && a.fn === 'sum') {
      for (const p of a.args.map(asField)) if (p?.member === '*') add(p.key, `各项之和不大于「${label(total)}」`);
      continue;
    }
    // abs(total − sum(parts…)) ≤ k: the parts add up to the total.
    if (a.t === 'call' && a.fn === 'abs' && a.args[0]?.t === 'arith' && a.args[0].op === '-') {
      const t = asField(a.args[0].a);
      const s = a.args[0].b;
      if (t && s.t === 'call' && s.fn === 'sum') {
        const parts = s.args.map(asField).filter((p): p is FieldNode => p !== null);
        if (parts.length === s.args.length) add(t.key, `等于${parts.map((p) => `「${label(p)}」`).join('、')}之和`);
      }
    }
  }
  return new Map([...out].map(([k, v]) => [k, v.join('；')]));
}
