/**
 * Checks of plain JSON values, each typed by exactly what it accepts. The method
 * table (src/api/schemas.ts) holds one per contract method; because `Schema<T>` is
 * invariant in T, a schema that accepts more or less than the contract's argument
 * type does not type-check, so the two cannot drift apart.
 *
 * Messages are Chinese and name the path of the offending value (`institution.aliases[2]`).
 * They check the shape the contract states; rules on values (a real quarter, a known
 * institution) stay with the services, which explain them in the user's terms.
 */

/** What every schema has; `Schema<T>` adds the type it accepts. */
export interface AnySchema {
  /** null when `v` is acceptable; otherwise one Chinese phrase (without the path). */
  readonly problem: (v: unknown, path: string) => Problem | null;
}

export interface Problem {
  path: string;
  message: string;
}

export interface Schema<T> extends AnySchema {
  /** Never set: keeps T invariant (the table must match the contract both ways). */
  readonly type?: (t: T) => T;
}

export type TypeOf<S> = S extends Schema<infer T> ? T : never;

/** An object member that may be left out. */
export interface OptionalMember<S extends AnySchema> {
  readonly optional: S;
}

type Member = AnySchema | OptionalMember<AnySchema>;
type Shape = Readonly<Record<string, Member>>;
type RequiredKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalMember<AnySchema> ? never : K }[keyof S];
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalMember<AnySchema> ? K : never }[keyof S];
type Flat<T> = { [K in keyof T]: T[K] };
export type ObjectOf<S extends Shape> = Flat<
  { [K in RequiredKeys<S>]: TypeOf<S[K]> } & { [K in OptionalKeys<S>]?: S[K] extends OptionalMember<infer I> ? TypeOf<I> : never }
>;

/** How a received value is named in a message. */
function kindOf(v: unknown): string {
  if (v === null) return '空值';
  if (v === undefined) return '未填写';
  if (Array.isArray(v)) return '列表';
  switch (typeof v) {
    case 'string':
      return `文本「${v.length > 20 ? `${v.slice(0, 20)}…` : v}」`;
    case 'number':
      return `数字 ${v}`;
    case 'boolean':
      return v ? '是' : '否';
    case 'object':
      return '对象';
    default:
      return typeof v;
  }
}

const at = (path: string, message: string): Problem => ({ path, message });
const want = (path: string, what: string, v: unknown): Problem => at(path, `应为${what}，收到的是${kindOf(v)}`);
const child = (path: string, key: string): string => (path ? `${path}.${key}` : key);

function make<T>(problem: (v: unknown, path: string) => Problem | null): Schema<T> {
  return { problem };
}

export function text(): Schema<string> {
  return make((v, p) => (typeof v === 'string' ? null : want(p, '文本', v)));
}

export function number(): Schema<number> {
  return make((v, p) => (typeof v === 'number' && Number.isFinite(v) ? null : want(p, '数字', v)));
}

/** A number the contract means as a count, a year or an id. */
export function integer(): Schema<number> {
  return make((v, p) => (typeof v === 'number' && Number.isInteger(v) ? null : want(p, '整数', v)));
}

export function boolean(): Schema<boolean> {
  return make((v, p) => (typeof v === 'boolean' ? null : want(p, '是/否（true 或 false）', v)));
}

/** One of a few fixed texts (or numbers). */
export function literal<const L extends readonly (string | number | boolean)[]>(...values: L): Schema<L[number]> {
  return make((v, p) => (values.includes(v as L[number]) ? null : want(p, `以下之一：${values.map((x) => String(x)).join('、')}`, v)));
}

export function nullable<T>(s: Schema<T>): Schema<T | null> {
  return make((v, p) => (v === null ? null : s.problem(v, p)));
}

export function optional<S extends AnySchema>(s: S): OptionalMember<S> {
  return { optional: s };
}

export function list<T>(item: Schema<T>): Schema<T[]> {
  return make((v, p) => {
    if (!Array.isArray(v)) return want(p, '列表', v);
    for (let i = 0; i < v.length; i++) {
      const bad = item.problem(v[i], `${p}[${i}]`);
      if (bad) return bad;
    }
    return null;
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object with exactly these members (required unless optional(); no others). */
export function object<const S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  const keys = Object.keys(shape);
  return make((v, p) => {
    if (!isObject(v)) return want(p, '对象', v);
    for (const key of Object.keys(v)) if (!Object.hasOwn(shape, key)) return at(child(p, key), '不是这个操作的参数（多余或拼错的项）');
    for (const key of keys) {
      const m = shape[key] as Member;
      const value = v[key];
      if ('optional' in m) {
        if (value === undefined) continue;
        const bad = m.optional.problem(value, child(p, key));
        if (bad) return bad;
      } else {
        if (value === undefined) return at(child(p, key), '缺少这一项');
        const bad = m.problem(value, child(p, key));
        if (bad) return bad;
      }
    }
    return null;
  });
}

/** No arguments at all: `{}`. */
export function empty(): Schema<Record<string, never>> {
  return make((v, p) => (!isObject(v) ? want(p, '对象', v) : (Object.keys(v).map((k) => at(child(p, k), '不是这个操作的参数（此操作不带参数）'))[0] ?? null)));
}

/** An object used as a map: any keys, each value checked. */
export function record<T>(value: Schema<T>): Schema<Record<string, T>> {
  return make((v, p) => {
    if (!isObject(v)) return want(p, '对象', v);
    for (const [k, x] of Object.entries(v)) {
      const bad = value.problem(x, child(p, k));
      if (bad) return bad;
    }
    return null;
  });
}

/** Objects told apart by one member (`kind`): the message is about the variant the value names. */
export function tagged<const K extends string, const V extends Readonly<Record<string, Shape>>>(
  tag: K,
  variants: V,
): Schema<{ [N in keyof V & string]: Flat<{ [T in K]: N } & ObjectOf<V[N]>> }[keyof V & string]> {
  const names = Object.keys(variants);
  const checks = new Map(names.map((n) => [n, object({ ...variants[n], [tag]: literal(n) })]));
  return make((v, p) => {
    if (!isObject(v)) return want(p, '对象', v);
    const check = typeof v[tag] === 'string' ? checks.get(v[tag]) : undefined;
    return check ? check.problem(v, p) : want(child(p, tag), `以下之一：${names.join('、')}`, v[tag]);
  });
}

/** One of several shapes; the message is the closest one's (the first whose problem lies deepest). */
export function union<const S extends readonly AnySchema[]>(...options: S): Schema<TypeOf<S[number]>> {
  return make((v, p) => {
    let best: Problem | null = null;
    for (const o of options) {
      const bad = o.problem(v, p);
      if (!bad) return null;
      if (!best || bad.path.length > best.path.length) best = bad;
    }
    return best;
  });
}
