/**
 * Turns a rule file into runnable rules, checking every rule against the field
 * catalogue of its template version: unknown fields, members used wrongly,
 * parameters not defined, a check that is not a condition. Problems come back
 * as Chinese sentences naming the rule; a rule file with any problem is not used.
 */
import type { Catalogue, DimensionId, FieldDef } from '../catalogue/types';
import { ExprError, PERIOD_FUNCTIONS, fieldRefs, parseExpr, walk, type FnName, type Node } from './expr';
import { RULE_LEVELS, type CompiledRule, type CompiledRuleSet, type MessagePart, type RuleField, type RuleFile, type RuleKind } from './types';

/** Parameters every rule may use without defining them: Q is the report's quarter (1–4). */
export const BUILTIN_PARAMS: ReadonlySet<string> = new Set(['Q']);
/** In message templates, A and B stand for the two sides of the check's comparison. */
const SIDE_PARAMS: ReadonlySet<string> = new Set(['A', 'B']);
const MESSAGE_ONLY: ReadonlySet<FnName> = new Set<FnName>(['label', 'cell', 'pct', 'chg']);

type ValueType = 'num' | 'bool';

export interface CompileOutcome {
  set: CompiledRuleSet | null;
  problems: string[];
}

/** Splits `…{expr}…` into text and expressions; `{{` and `}}` stand for literal braces. */
export function splitTemplate(template: string): ({ text: string } | { source: string })[] {
  const out: ({ text: string } | { source: string })[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if ((c === '{' || c === '}') && template[i + 1] === c) {
      text += c;
      i += 2;
      continue;
    }
    if (c === '{') {
      const end = template.indexOf('}', i);
      if (end < 0) throw new ExprError('消息模板中的「{」没有配对的「}」', i);
      if (text) out.push({ text });
      text = '';
      out.push({ source: template.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    text += c;
    i++;
  }
  if (text) out.push({ text });
  return out;
}

export function compileRules(file: RuleFile, cat: Catalogue): CompileOutcome {
  const problems: string[] = [];
  const fields = new Map(cat.fields.map((f) => [f.key, f]));
  const sheetOf = new Map<string, string>();
  for (const s of cat.sections) {
    const keys = s.kind === 'table' ? s.rows.flatMap((r) => Object.values(r.cells)) : s.kind === 'grid' ? [...s.fields, ...Object.values(s.totalRow?.cells ?? {})] : s.fields;
    for (const k of keys) sheetOf.set(k, s.sheet);
  }
  if (file.templateVersion !== cat.templateVersion) problems.push(`审核公式文件的模板版本「${file.templateVersion}」与填报项目录「${cat.templateVersion}」不一致。`);
  const params = { ...file.params };
  const ids = new Set<string>();
  const rules: CompiledRule[] = [];

  for (const def of file.rules) {
    const say = (what: string): void => {
      problems.push(`审核公式「${def.id || '（无编号）'}」：${what}`);
    };
    if (!def.id || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(def.id)) say('编号应由字母、数字、点或连字符组成。');
    if (ids.has(def.id)) say('编号重复。');
    ids.add(def.id);
    if (!RULE_LEVELS.includes(def.level)) say(`级别「${String(def.level)}」无效，应为「错误」或「提示」。`);
    if (!def.title) say('缺少审核内容（title）。');
    const forEach = def.forEach as DimensionId | undefined;
    if (forEach !== undefined && !(forEach in cat.dimensions)) say(`逐项审核的维度「${forEach}」不存在。`);

    const parse = (what: string, src: string | undefined): Node | null => {
      if (src === undefined) return null;
      try {
        return parseExpr(src);
      } catch (e) {
        if (e instanceof ExprError) say(`${what}「${src}」第 ${e.at + 1} 个字符处：${e.message}。`);
        else throw e;
        return null;
      }
    };
    const check = parse('审核条件', def.check);
    const when = parse('适用条件', def.when);
    const atNode = parse('定位单元格', def.at);
    if (!check) {
      if (def.check === undefined) say('缺少审核条件（check）。');
      continue;
    }
    const ok = [
      typeOf(check, 'check', { fields, params, forEach, say }) === 'bool' || (say('审核条件应是一个判断（如 a <= b）。'), false),
      !when || typeOf(when, 'check', { fields, params, forEach, say }) === 'bool' || (say('适用条件应是一个判断。'), false),
    ].every(Boolean);
    let at: Extract<Node, { t: 'field' }> | undefined;
    if (atNode) {
      if (atNode.t !== 'field') say('定位单元格应是一个填报项（如 agri_loans_bal 或 chain_bal[$]）。');
      else if (typeOf(atNode, 'check', { fields, params, forEach, say, allowAll: true }) === 'num') at = atNode;
    } else {
      at = fieldRefs(check).find((r) => r.period === null)?.ref;
      if (!at) say('审核条件没有引用本期填报项，无法定位单元格，请用 at 指定。');
    }

    let message: MessagePart[] = [];
    const template = def.message?.startsWith('@') ? file.templates?.[def.message.slice(1)] : def.message;
    if (!template) say(def.message ? `消息模板「${def.message}」未定义。` : '缺少消息模板（message）。');
    else {
      try {
        const sides = check.t === 'cmp' ? { A: check.a, B: check.b } : null;
        message = splitTemplate(template).map((p): MessagePart => {
          if ('text' in p) return p;
          const expr = parse('消息模板中的', p.source);
          if (!expr) return { text: '' };
          const bound = sides ? bindSides(expr, sides) : expr;
          typeOf(bound, 'message', { fields, params, forEach, say });
          return { expr: bound, source: p.source };
        });
      } catch (e) {
        if (e instanceof ExprError) say(e.message);
        else throw e;
      }
    }
    if (!ok || !at) continue;
    rules.push({
      def,
      kind: kindOf([check, ...(when ? [when] : [])], sheetOf),
      code: def.code ?? (def.level === '错误' ? 'E_RULE' : 'W_RULE'),
      check,
      when,
      at,
      message,
    });
  }
  if (problems.length) return { set: null, problems };
  const ruleFields = new Map<string, RuleField>();
  for (const f of cat.fields) {
    if (f.type === 'amount' || f.type === 'rate' || f.type === 'count') ruleFields.set(f.key, { type: f.type, unit: f.unit, label: f.label, dimension: f.dimension ?? null });
  }
  const dimensions = new Map(Object.entries(cat.dimensions).map(([k, d]) => [k, d.label]));
  return { set: { templateVersion: file.templateVersion, title: file.title, params, rules, fields: ruleFields, dimensions }, problems };
}

/** 跨期 when any value comes from an earlier quarter; 表间 when the fields sit on more than one sheet. */
function kindOf(nodes: Node[], sheetOf: ReadonlyMap<string, string>): RuleKind {
  const refs = nodes.flatMap(fieldRefs);
  if (refs.some((r) => r.period !== null)) return '跨期';
  return new Set(refs.map((r) => sheetOf.get(r.ref.key))).size > 1 ? '表间' : '表内';
}

function bindSides(n: Node, sides: { A: Node; B: Node }): Node {
  const map = (x: Node): Node => {
    switch (x.t) {
      case 'param':
        return x.name === 'A' ? sides.A : x.name === 'B' ? sides.B : x;
      case 'call':
        return { ...x, args: x.args.map(map) };
      case 'neg':
      case 'not':
        return { ...x, a: map(x.a) };
      case 'arith':
      case 'cmp':
      case 'logic':
        return { ...x, a: map(x.a), b: map(x.b) };
      default:
        return x;
    }
  };
  return map(n);
}

interface TypeCtx {
  fields: ReadonlyMap<string, FieldDef>;
  params: Readonly<Record<string, number>>;
  forEach: DimensionId | undefined;
  say: (what: string) => void;
  /** `[*]` accepted outside sum() (the at cell: the first member with a value). */
  allowAll?: boolean;
}

/** The type of an expression ('num' or 'bool'), reporting misuse through ctx.say. */
function typeOf(n: Node, where: 'check' | 'message', ctx: TypeCtx, inSum = false, inPeriod = false): ValueType {
  const num = (x: Node, sum = false): void => {
    if (typeOf(x, where, ctx, sum, inPeriod) !== 'num') ctx.say('此处需要数值，不能是判断。');
  };
  const bool = (x: Node): void => {
    if (typeOf(x, where, ctx, false, inPeriod) !== 'bool') ctx.say('and、or、not 的两边应是判断。');
  };
  switch (n.t) {
    case 'num':
      return 'num';
    case 'param':
      if (!(n.name in ctx.params) && !BUILTIN_PARAMS.has(n.name) && !(where === 'message' && SIDE_PARAMS.has(n.name))) ctx.say(`参数「${n.name}」未在 params 中定义。`);
      return 'num';
    case 'field': {
      const f = ctx.fields.get(n.key);
      if (!f) {
        ctx.say(`引用了不存在的填报项「${n.key}」。`);
        return 'num';
      }
      if (f.type === 'text' || f.type === 'date') ctx.say(`填报项「${n.key}」不是数值。`);
      if (!f.dimension && n.member !== null) ctx.say(`填报项「${n.key}」没有分项，不能写成员。`);
      if (f.dimension && n.member === null) ctx.say(`填报项「${n.key}」按${f.dimension}分项填报，应写 [$]、[*] 或成员代码。`);
      if (n.member === '$' && f.dimension !== ctx.forEach) ctx.say(`「${n.key}[$]」只能用在按「${f.dimension ?? ''}」逐项审核（forEach）的公式中。`);
      if (n.member === '*' && !inSum && !ctx.allowAll) ctx.say(`「${n.key}[*]」只能作为 sum() 的参数。`);
      return 'num';
    }
    case 'neg':
      num(n.a);
      return 'num';
    case 'arith':
      num(n.a);
      num(n.b);
      return 'num';
    case 'cmp':
      num(n.a);
      num(n.b);
      return 'bool';
    case 'logic':
      bool(n.a);
      bool(n.b);
      return 'bool';
    case 'not':
      bool(n.a);
      return 'bool';
    case 'call': {
      if (MESSAGE_ONLY.has(n.fn) && where !== 'message') ctx.say(`函数 ${n.fn}() 只能用在消息模板中。`);
      const arity = (min: number, max: number): void => {
        if (n.args.length < min || n.args.length > max) ctx.say(`函数 ${n.fn}() 的参数个数不对。`);
      };
      if (PERIOD_FUNCTIONS.has(n.fn)) {
        arity(1, 1);
        if (inPeriod) ctx.say(`函数 ${n.fn}() 不能嵌套在另一个期别函数中。`);
        const a = n.args[0];
        if (a) {
          let hasField = false;
          walk(a, (x) => {
            if (x.t === 'field') hasField = true;
          });
          if (!hasField) ctx.say(`函数 ${n.fn}() 的参数应引用填报项。`);
          return typeOf(a, where, ctx, inSum, true) === 'num' ? 'num' : (ctx.say(`函数 ${n.fn}() 的参数应是数值。`), 'num');
        }
        return 'num';
      }
      switch (n.fn) {
        case 'sum':
          arity(1, 1000);
          for (const a of n.args) num(a, true);
          return 'num';
        case 'abs':
          arity(1, 1);
          for (const a of n.args) num(a);
          return 'num';
        case 'min':
        case 'max':
          arity(2, 1000);
          for (const a of n.args) num(a);
          return 'num';
        case 'present':
          arity(1, 1);
          for (const a of n.args) num(a);
          return 'bool';
        case 'label':
        case 'cell': {
          arity(1, 1);
          const a = n.args[0];
          if (a && a.t !== 'field') ctx.say(`函数 ${n.fn}() 的参数应是一个填报项。`);
          else if (a) typeOf(a, where, { ...ctx, allowAll: true }, false, inPeriod);
          return 'num';
        }
        case 'pct':
        case 'chg':
          arity(1, 1);
          for (const a of n.args) num(a);
          return 'num';
        default:
          return 'num';
      }
    }
  }
}
