/**
 * The check rules (审核公式) of one template version, as shipped in
 * resources/rules/<version>.rules.json beside the field catalogue.
 */
import type { Node } from './expr';

/** 错误 rejects the file; 提示 is accepted only with a written 说明 from the analyst. */
export type RuleLevel = '错误' | '提示';
export const RULE_LEVELS: readonly RuleLevel[] = ['错误', '提示'];

/** 表内: one sheet; 表间: across sheets of the report; 跨期: against the institution's earlier quarters. */
export type RuleKind = '表内' | '表间' | '跨期';

/** One rule as written in the file. */
export interface RuleDef {
  /** Stable id (e.g. R-2025-011), shown beside the message and keying the analyst's 说明. */
  id: string;
  level: RuleLevel;
  /** What the rule asks, in words (shown on the 校验 sheet and in the preview's group header). */
  title: string;
  /** A condition that must hold for the report to pass. */
  check: string;
  /** Only applies when this holds (e.g. `Q > 1`, `prev(x) > 0`). */
  when?: string;
  /** Evaluated once per member of this dimension, `[$]` naming the member. */
  forEach?: string;
  /** The cell the problem points at (a field reference); default: the check's first field. */
  at?: string;
  /** Message template: `{expr}` shows a value with its unit, `{label(x)}`, `{cell(x)}`, `{pct(x)}`, `{chg(x)}`; A and B are the check's two sides; `@name` uses a shared template. */
  message: string;
  /** The issue code (category) reported with the message; default E_RULE / W_RULE by level. */
  code?: string;
  /** Why the rule exists or what its figures mean (for the analyst reading the file). */
  note?: string;
}

export interface RuleFile {
  templateVersion: string;
  title: string;
  note?: string;
  /** Named numbers used in checks (upper case): TOL, JUMP… Q (the quarter, 1–4) is built in. */
  params: Record<string, number>;
  /** Shared message templates, used as `"message": "@name"`. */
  templates?: Record<string, string>;
  rules: RuleDef[];
}

/** A rule ready to run: parsed, checked against the catalogue. */
export interface CompiledRule {
  def: RuleDef;
  kind: RuleKind;
  code: string;
  check: Node;
  when: Node | null;
  at: Extract<Node, { t: 'field' }>;
  /** The message template split into literal text and expressions. */
  message: MessagePart[];
}

export type MessagePart = { text: string } | { expr: Node; source: string };

/** What the evaluator needs to know of a field: how its stored integer is scaled and shown. */
export interface RuleField {
  type: 'amount' | 'rate' | 'count';
  unit: string;
  label: string;
  dimension: string | null;
}

export interface CompiledRuleSet {
  templateVersion: string;
  title: string;
  params: Readonly<Record<string, number>>;
  rules: CompiledRule[];
  fields: ReadonlyMap<string, RuleField>;
  /** Dimension labels (产业链, 县（市、区）…) for messages about all members. */
  dimensions: ReadonlyMap<string, string>;
}
