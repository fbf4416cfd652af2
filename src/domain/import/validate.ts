/**
 * Checks one parsed report. Every problem names the sheet and cell it was found
 * in; the caller adds the file.
 *
 * Two kinds of checks:
 * - each cell on its own, from the field catalogue (what the template's data
 *   validation also enforces): required, bounds (no negative balances), text length;
 * - the check rules (审核公式) of the report's template version
 *   (resources/rules/<version>.rules.json, domain/rules/): 其中 ≤ 合计, parts adding up
 *   to a total, sums over a grid against a figure on another sheet, and checks against
 *   the institution's stored earlier quarters. A rule of level 错误 rejects the file;
 *   a 提示 is a warning the analyst accepts only with a written 说明 (ack 'explain').
 */
import type { FieldDef } from '../catalogue/types';
import type { InputCell } from '../catalogue/layout';
import { AMOUNT_SCALE, RATE_SCALE } from '../amount';
import { showScaled } from './parseValue';
import { runRules, type Period, type RuleInputs } from '../rules/evaluate';
import type { CompiledRuleSet } from '../rules/types';

export interface ReportValue {
  input: InputCell;
  /** The cell actually read (a defined name may point elsewhere than the layout). */
  sheet: string;
  cell: string;
  num: number | null;
  text: string | null;
}

export interface ReportIssue {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  sheet: string;
  cell: string;
  /** The check rule that raised it (its id in the rule file) and what it asks, in words. */
  rule?: string;
  ruleTitle?: string;
  /** A 提示: accepted only with the analyst's written 说明. */
  ack?: 'explain';
}

/** The institution's stored values of earlier quarters, keyed by valueKey(key, member). */
export type History = Partial<Record<Period, ReadonlyMap<string, number>>>;

export interface ValidateOptions {
  /** The check rules of the report's template version; without them only single cells are checked. */
  rules?: CompiledRuleSet;
  /** The report's quarter number (1–4), for rules that depend on it (Q). */
  quarter?: number;
  /** What the institution reported before; rules reading a period not given do not apply. */
  history?: History;
  /** Overrides of the rule file's parameters (e.g. JUMP, the jump threshold). */
  params?: Readonly<Record<string, number>>;
}

export function valueKey(key: string, member: string | null): string {
  return `${key}\u0000${member ?? ''}`;
}

/** A scaled value in the unit of its field: 1234.5 万元, 3.45%, 12 户. */
export function showValue(field: FieldDef, n: number): string {
  if (field.type === 'amount') return `${showScaled(n)} 万元`;
  if (field.type === 'rate') return `${showScaled(n * 100, 6)}%`;
  return `${n}${field.unit ? ` ${field.unit}` : ''}`;
}

function scaleBound(field: FieldDef, bound: number): number {
  if (field.type === 'amount') return Math.round(bound * AMOUNT_SCALE);
  if (field.type === 'rate') return Math.round(bound * RATE_SCALE);
  return bound;
}

export function nameOf(input: Pick<InputCell, 'memberName' | 'field'>): string {
  return input.memberName ? `${input.memberName}·${input.field.label}` : input.field.label;
}

/** The report as the rule engine reads it. */
export function ruleInputs(values: readonly ReportValue[], opts: Pick<ValidateOptions, 'history' | 'quarter'> = {}): RuleInputs {
  const byKey = new Map<string, ReportValue>();
  const members = new Map<string, { code: string; name: string }[]>();
  for (const v of values) {
    byKey.set(valueKey(v.input.key, v.input.member), v);
    const dim = v.input.field.dimension;
    if (dim && v.input.member !== null) {
      const list = members.get(dim) ?? [];
      if (!list.some((m) => m.code === v.input.member)) list.push({ code: v.input.member, name: v.input.memberName ?? v.input.member });
      members.set(dim, list);
    }
  }
  return {
    current: (key, member) => byKey.get(valueKey(key, member))?.num ?? null,
    earlier: (period, key, member) => opts.history?.[period]?.get(valueKey(key, member)) ?? null,
    members: (dim) => members.get(dim) ?? [],
    locate: (key, member) => {
      const v = byKey.get(valueKey(key, member));
      return v ? { sheet: v.sheet, cell: v.cell, label: nameOf(v.input) } : null;
    },
    quarter: opts.quarter ?? null,
  };
}

export function validateReport(values: ReportValue[], opts: ValidateOptions = {}): ReportIssue[] {
  const issues: ReportIssue[] = [];
  const issue = (v: ReportValue, code: string, message: string): void => {
    issues.push({ severity: 'error', code, message, sheet: v.sheet, cell: v.cell });
  };

  for (const v of values) {
    const f = v.input.field;
    const blank = v.num === null && v.text === null;
    if (blank) {
      if (f.required) issue(v, 'E_REQUIRED', `「${nameOf(v.input)}」为必填项，不能为空${f.type === 'amount' || f.type === 'count' ? '（无发生额请填 0）' : ''}。`);
      continue;
    }
    if (v.num !== null) {
      if (f.min !== undefined && v.num < scaleBound(f, f.min)) {
        if (f.min === 0) issue(v, 'E_NEGATIVE', `「${nameOf(v.input)}」不能为负数（填报 ${showValue(f, v.num)}）。`);
        else issue(v, 'E_BELOW_MIN', `「${nameOf(v.input)}」（${showValue(f, v.num)}）不能小于 ${showValue(f, scaleBound(f, f.min))}。`);
      }
      if (f.max !== undefined && v.num > scaleBound(f, f.max)) {
        issue(v, 'E_ABOVE_MAX', `「${nameOf(v.input)}」（${showValue(f, v.num)}）不能大于 ${showValue(f, scaleBound(f, f.max))}，请核对单位（百分数请填写如 3.45%）。`);
      }
    }
    if (v.text !== null && f.maxLength !== undefined) {
      const len = [...v.text].length;
      if (len > f.maxLength) issue(v, 'E_TOO_LONG', `「${nameOf(v.input)}」共 ${len} 字，超过上限 ${f.maxLength} 字，请精简后再报送。`);
    }
  }

  if (opts.rules) {
    const params = { ...opts.rules.params, ...opts.params };
    for (const hit of runRules(opts.rules, ruleInputs(values, opts), params)) {
      const error = hit.rule.def.level === '错误';
      issues.push({
        severity: error ? 'error' : 'warning',
        code: hit.rule.code,
        message: hit.message,
        sheet: hit.sheet,
        cell: hit.cell,
        rule: hit.rule.def.id,
        ruleTitle: hit.rule.def.title,
        ...(error ? {} : { ack: 'explain' as const }),
      });
    }
  }
  return issues;
}
