/**
 * Checks one parsed report against the catalogue's rules. Every problem names
 * the sheet and cell it was found in; the caller adds the file.
 *
 * Errors reject the file: required cells, bounds (no negative balances),
 * text length, 其中 ≤ 合计 (partOf, partOfAlso, memberPartOf), members summing to no
 * more than their total (memberSumLe) and parts adding up to a total (sumOf).
 * Warnings keep the file: a quarter-on-quarter jump beyond the threshold
 * against the institution's current report of the previous quarter.
 */
import type { FieldDef } from '../catalogue/types';
import type { InputCell } from '../catalogue/layout';
import { AMOUNT_SCALE, RATE_SCALE } from '../amount';
import { showScaled } from './parseValue';

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
}

export interface ValidateOptions {
  /** Previous quarter's current values, keyed by valueKey(key, member). */
  previous?: ReadonlyMap<string, number>;
  /** Relative change that triggers a jump warning (0.5 = 50%). */
  jumpThreshold?: number;
}

export const DEFAULT_JUMP_THRESHOLD = 0.5;
/** Parts may differ from their total by rounding: 0.01 万元 for amounts. */
const SUM_TOLERANCE_AMOUNT = AMOUNT_SCALE / 100;

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

function nameOf(v: ReportValue): string {
  return v.input.memberName ? `${v.input.memberName}·${v.input.field.label}` : v.input.field.label;
}

export function validateReport(values: ReportValue[], opts: ValidateOptions = {}): ReportIssue[] {
  const issues: ReportIssue[] = [];
  const byKey = new Map<string, ReportValue>();
  const members = new Map<string, ReportValue[]>();
  for (const v of values) {
    byKey.set(valueKey(v.input.key, v.input.member), v);
    if (v.input.member !== null) {
      const list = members.get(v.input.key) ?? [];
      list.push(v);
      members.set(v.input.key, list);
    }
  }
  const issue = (v: ReportValue, severity: ReportIssue['severity'], code: string, message: string): void => {
    issues.push({ severity, code, message, sheet: v.sheet, cell: v.cell });
  };
  const scalar = (key: string): ReportValue | undefined => byKey.get(valueKey(key, null));

  const exceeds = (part: ReportValue, total: ReportValue | undefined, code: string, why: string): void => {
    if (!total || part.num === null || total.num === null) return;
    if (part.num > total.num) {
      const f = part.input.field;
      issue(
        part,
        'error',
        code,
        `「${nameOf(part)}」（${showValue(f, part.num)}）不能大于「${nameOf(total)}」（${showValue(total.input.field, total.num)}，${total.sheet}!${total.cell}）：${why}。`,
      );
    }
  };

  for (const v of values) {
    const f = v.input.field;
    const blank = v.num === null && v.text === null;
    if (blank) {
      if (f.required) issue(v, 'error', 'E_REQUIRED', `「${nameOf(v)}」为必填项，不能为空${f.type === 'amount' || f.type === 'count' ? '（无发生额请填 0）' : ''}。`);
      continue;
    }
    if (v.num !== null) {
      if (f.min !== undefined && v.num < scaleBound(f, f.min)) {
        if (f.min === 0) issue(v, 'error', 'E_NEGATIVE', `「${nameOf(v)}」不能为负数（填报 ${showValue(f, v.num)}）。`);
        else issue(v, 'error', 'E_BELOW_MIN', `「${nameOf(v)}」（${showValue(f, v.num)}）不能小于 ${showValue(f, scaleBound(f, f.min))}。`);
      }
      if (f.max !== undefined && v.num > scaleBound(f, f.max)) {
        issue(v, 'error', 'E_ABOVE_MAX', `「${nameOf(v)}」（${showValue(f, v.num)}）不能大于 ${showValue(f, scaleBound(f, f.max))}，请核对单位（百分数请填写如 3.45%）。`);
      }
      if (f.partOf) exceeds(v, scalar(f.partOf), 'E_PART_EXCEEDS_TOTAL', '其中项不能超过合计');
      for (const also of f.partOfAlso ?? []) exceeds(v, scalar(also), 'E_PART_EXCEEDS_TOTAL', '其中项不能超过合计');
      if (f.memberPartOf) {
        const total = byKey.get(valueKey(f.memberPartOf, v.input.member)) ?? scalar(f.memberPartOf);
        exceeds(v, total, 'E_MEMBER_EXCEEDS_TOTAL', '分项不能超过合计');
      }
      if (f.jumpCheck && opts.previous) checkJump(v, opts.previous, opts.jumpThreshold ?? DEFAULT_JUMP_THRESHOLD, issue);
    }
    if (v.text !== null && f.maxLength !== undefined) {
      const len = [...v.text].length;
      if (len > f.maxLength) issue(v, 'error', 'E_TOO_LONG', `「${nameOf(v)}」共 ${len} 字，超过上限 ${f.maxLength} 字，请精简后再报送。`);
    }
    if (f.sumOf && v.num !== null && v.input.member === null) checkSum(v, f.sumOf, scalar, issue);
  }

  for (const [key, list] of members) {
    const f = list[0]?.input.field;
    if (!f?.memberSumLe) continue;
    const total = scalar(f.memberSumLe);
    if (!total || total.num === null) continue;
    const present = list.filter((v) => v.num !== null);
    if (present.length === 0) continue;
    const sum = present.reduce((s, v) => s + (v.num ?? 0), 0);
    if (sum > total.num) {
      const first = present[0] ?? list[0];
      if (!first) continue;
      issue(
        first,
        'error',
        'E_MEMBER_SUM_EXCEEDS',
        `「${first.input.section}」各项「${f.label}」合计 ${showValue(f, sum)}，不能大于「${total.input.field.label}」（${showValue(total.input.field, total.num)}，${total.sheet}!${total.cell}）（字段 ${key}）。`,
      );
    }
  }
  return issues;
}

function checkSum(
  total: ReportValue,
  parts: string[],
  scalar: (key: string) => ReportValue | undefined,
  issue: (v: ReportValue, s: ReportIssue['severity'], code: string, message: string) => void,
): void {
  const found = parts.map((k) => scalar(k)).filter((p): p is ReportValue => p !== undefined);
  if (!found.some((p) => p.num !== null) || total.num === null) return;
  const sum = found.reduce((s, p) => s + (p.num ?? 0), 0);
  const f = total.input.field;
  const tolerance = f.type === 'amount' ? SUM_TOLERANCE_AMOUNT : 0;
  if (Math.abs(sum - total.num) > tolerance) {
    const names = found.map((p) => `「${nameOf(p)}」`).join('、');
    issue(total, 'error', 'E_SUM_MISMATCH', `「${nameOf(total)}」（${showValue(f, total.num)}）应等于${names}之和（${showValue(f, sum)}）。`);
  }
}

function checkJump(
  v: ReportValue,
  previous: ReadonlyMap<string, number>,
  threshold: number,
  issue: (v: ReportValue, s: ReportIssue['severity'], code: string, message: string) => void,
): void {
  const prev = previous.get(valueKey(v.input.key, v.input.member));
  if (prev === undefined || prev <= 0 || v.num === null) return;
  const change = (v.num - prev) / prev;
  if (Math.abs(change) <= threshold) return;
  const pct = `${change > 0 ? '+' : ''}${(change * 100).toFixed(1)}%`;
  issue(
    v,
    'warning',
    'W_JUMP',
    `「${nameOf(v)}」较上季度（${showValue(v.input.field, prev)}）变动 ${pct}，超过 ${Math.round(threshold * 100)}%，请核实是否填报有误。`,
  );
}
