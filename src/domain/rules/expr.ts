/**
 * The small expression language of the check rules (审核公式). A rule's text is
 * parsed once into a tree that the evaluator walks and the 校验 sheet turns into
 * an Excel formula; nothing is ever eval'd.
 *
 *   agri_loans_bal <= loans_total_bal
 *   abs(agri_loans_bal - sum(farmer_loans_bal, rural_org_bal, urban_org_agri_bal)) <= 0.02
 *   sum(chain_bal[*]) <= agri_loans_bal              members: [$] the one iterated, [*] all, [AK01] one
 *   agri_loans_ytd >= prev(agri_loans_ytd)           prev / yearStart / lastYear: stored earlier quarters
 *   abs(x - prev(x)) <= JUMP * prev(x)                UPPER-CASE names are parameters (JUMP, TOL, Q)
 *
 * Operators, loosest first: or · and · not · comparisons (< <= > >= == !=) · + - · * / · unary -.
 * Numbers: 12, 0.5, 50% (= 0.5). Field keys are lower case, parameters upper case.
 */

export type CmpOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type ArithOp = '+' | '-' | '*' | '/';

/** `[$]` the member being iterated (forEach), `[*]` every member, or a fixed member code. */
export type MemberRef = null | '$' | '*' | { code: string };

export type Node =
  | { t: 'num'; v: number; text: string }
  | { t: 'param'; name: string }
  | { t: 'field'; key: string; member: MemberRef }
  | { t: 'call'; fn: FnName; args: Node[] }
  | { t: 'neg'; a: Node }
  | { t: 'arith'; op: ArithOp; a: Node; b: Node }
  | { t: 'cmp'; op: CmpOp; a: Node; b: Node }
  | { t: 'logic'; op: 'and' | 'or'; a: Node; b: Node }
  | { t: 'not'; a: Node };

/** Functions of checks; label/cell/pct/chg only format values inside message templates. */
export const CHECK_FUNCTIONS = ['sum', 'abs', 'min', 'max', 'present', 'prev', 'yearStart', 'lastYear'] as const;
export const MESSAGE_FUNCTIONS = ['label', 'cell', 'pct', 'chg'] as const;
export type FnName = (typeof CHECK_FUNCTIONS)[number] | (typeof MESSAGE_FUNCTIONS)[number];
export const PERIOD_FUNCTIONS: ReadonlySet<FnName> = new Set<FnName>(['prev', 'yearStart', 'lastYear']);
const FUNCTIONS: ReadonlySet<string> = new Set<string>([...CHECK_FUNCTIONS, ...MESSAGE_FUNCTIONS]);

export class ExprError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
    this.name = 'ExprError';
  }
}

type Token =
  | { k: 'num'; v: number; text: string; at: number }
  | { k: 'id'; v: string; at: number }
  | { k: 'op'; v: string; at: number }
  | { k: 'end'; at: number };

const OPS = ['<=', '>=', '==', '!=', '<', '>', '+', '-', '*', '/', '(', ')', '[', ']', ',', '$'];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(\d+(?:\.\d+)?)(%?)/.exec(src.slice(i));
    if (num) {
      const digits = num[1] ?? '0';
      // 50% is written as a percentage and means 0.5.
      const v = num[2] ? Number(digits) / 100 : Number(digits);
      out.push({ k: 'num', v, text: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ k: 'id', v: id[0], at: i });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ k: 'op', v: op, at: i });
      i += op.length;
      continue;
    }
    throw new ExprError(`无法识别的字符「${c}」`, i);
  }
  out.push({ k: 'end', at: src.length });
  return out;
}

export function parseExpr(src: string): Node {
  const toks = tokenize(src);
  let p = 0;
  const peek = (): Token => toks[p] ?? { k: 'end', at: src.length };
  const next = (): Token => toks[p++] ?? { k: 'end', at: src.length };
  const isOp = (v: string): boolean => {
    const t = peek();
    return t.k === 'op' && t.v === v;
  };
  const isWord = (v: string): boolean => {
    const t = peek();
    return t.k === 'id' && t.v === v;
  };
  const expect = (v: string): void => {
    const t = next();
    if (t.k !== 'op' || t.v !== v) throw new ExprError(`此处应为「${v}」`, t.at);
  };

  const orExpr = (): Node => {
    let a = andExpr();
    while (isWord('or')) {
      next();
      a = { t: 'logic', op: 'or', a, b: andExpr() };
    }
    return a;
  };
  const andExpr = (): Node => {
    let a = notExpr();
    while (isWord('and')) {
      next();
      a = { t: 'logic', op: 'and', a, b: notExpr() };
    }
    return a;
  };
  const notExpr = (): Node => {
    if (isWord('not')) {
      next();
      return { t: 'not', a: notExpr() };
    }
    return cmpExpr();
  };
  const cmpExpr = (): Node => {
    const a = addExpr();
    const t = peek();
    if (t.k === 'op' && ['<', '<=', '>', '>=', '==', '!='].includes(t.v)) {
      next();
      const b = addExpr();
      const after = peek();
      if (after.k === 'op' && ['<', '<=', '>', '>=', '==', '!='].includes(after.v)) throw new ExprError('比较不能连写，请用 and 连接', after.at);
      return { t: 'cmp', op: t.v as CmpOp, a, b };
    }
    return a;
  };
  const addExpr = (): Node => {
    let a = mulExpr();
    while (isOp('+') || isOp('-')) {
      const op = next() as { v: ArithOp };
      a = { t: 'arith', op: op.v, a, b: mulExpr() };
    }
    return a;
  };
  const mulExpr = (): Node => {
    let a = unary();
    while (isOp('*') || isOp('/')) {
      const op = next() as { v: ArithOp };
      a = { t: 'arith', op: op.v, a, b: unary() };
    }
    return a;
  };
  const unary = (): Node => {
    if (isOp('-')) {
      next();
      return { t: 'neg', a: unary() };
    }
    return primary();
  };
  const primary = (): Node => {
    const t = next();
    if (t.k === 'num') return { t: 'num', v: t.v, text: t.text };
    if (t.k === 'op' && t.v === '(') {
      const e = orExpr();
      expect(')');
      return e;
    }
    if (t.k === 'id') {
      if (['and', 'or', 'not'].includes(t.v)) throw new ExprError(`「${t.v}」前缺少表达式`, t.at);
      if (isOp('(')) {
        if (!FUNCTIONS.has(t.v)) throw new ExprError(`未知的函数「${t.v}」`, t.at);
        next();
        const args: Node[] = [];
        if (!isOp(')')) {
          args.push(orExpr());
          while (isOp(',')) {
            next();
            args.push(orExpr());
          }
        }
        expect(')');
        return { t: 'call', fn: t.v as FnName, args };
      }
      if (/^[A-Z][A-Z0-9_]*$/.test(t.v)) return { t: 'param', name: t.v };
      if (!/^[a-z][a-z0-9_]*$/.test(t.v)) throw new ExprError(`「${t.v}」不是填报项代码（小写）或参数名（大写）`, t.at);
      let member: MemberRef = null;
      if (isOp('[')) {
        next();
        const m = next();
        if (m.k === 'op' && m.v === '$') member = '$';
        else if (m.k === 'op' && m.v === '*') member = '*';
        else if (m.k === 'id' || m.k === 'num') member = { code: m.k === 'id' ? m.v : m.text };
        else throw new ExprError('成员应为 $、* 或成员代码', m.at);
        expect(']');
      }
      return { t: 'field', key: t.v, member };
    }
    throw new ExprError(t.k === 'end' ? '表达式不完整' : `此处不应出现「${t.v}」`, t.at);
  };

  const tree = orExpr();
  const rest = peek();
  if (rest.k !== 'end') throw new ExprError(`多余的「${rest.k === 'num' ? rest.text : rest.v}」`, rest.at);
  return tree;
}

/** Every node of a tree, parents first. */
export function walk(n: Node, visit: (n: Node, inPeriod: FnName | null) => void, inPeriod: FnName | null = null): void {
  visit(n, inPeriod);
  switch (n.t) {
    case 'call': {
      const period = PERIOD_FUNCTIONS.has(n.fn) ? n.fn : inPeriod;
      for (const a of n.args) walk(a, visit, period);
      break;
    }
    case 'neg':
    case 'not':
      walk(n.a, visit, inPeriod);
      break;
    case 'arith':
    case 'cmp':
    case 'logic':
      walk(n.a, visit, inPeriod);
      walk(n.b, visit, inPeriod);
      break;
    default:
      break;
  }
}

/** The field references of a tree, in reading order (with the period they are read at). */
export function fieldRefs(n: Node): { ref: Extract<Node, { t: 'field' }>; period: FnName | null }[] {
  const out: { ref: Extract<Node, { t: 'field' }>; period: FnName | null }[] = [];
  walk(n, (x, period) => {
    if (x.t === 'field') out.push({ ref: x, period });
  });
  return out;
}
