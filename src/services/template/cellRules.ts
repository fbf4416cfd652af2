/**
 * What each input cell accepts: its number format and the Excel data
 * validation (with the in-cell input message a clerk sees on selecting it),
 * both derived from the field catalogue, never written per field by hand.
 */
import type ExcelJS from 'exceljs';
import type { InputCell } from '../../domain/catalogue/layout';
import type { FieldType } from '../../domain/catalogue/types';

export const NUMBER_FORMATS: Record<FieldType, string> = {
  amount: '#,##0.00',
  count: '0',
  rate: '0.00%',
  text: '@',
  date: 'yyyy-mm-dd',
};

/** Excel limits: prompt title 32 characters, prompt 255, error 225. */
function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

function pct(x: number): string {
  return `${Number((x * 100).toFixed(2))}%`;
}

function rangeText(input: InputCell): string {
  const f = input.field;
  const show = (x: number): string => (f.type === 'rate' ? pct(x) : String(x));
  if (f.min !== undefined && f.max !== undefined) return `${show(f.min)}～${show(f.max)}`;
  if (f.min !== undefined) return `不小于 ${show(f.min)}`;
  if (f.max !== undefined) return `不大于 ${show(f.max)}`;
  return '';
}

function promptFor(input: InputCell): string {
  const f = input.field;
  const parts: string[] = [];
  if (f.help) parts.push(f.help);
  if (f.type === 'amount') parts.push('单位：万元，保留两位小数。');
  if (f.type === 'count') parts.push(`单位：${f.unit || '个'}，填整数。`);
  if (f.type === 'rate') parts.push('按百分比填写，如输入 3.1% 。');
  if (f.type === 'date' && !f.help) parts.push('日期，如 2025-10-03。');
  const range = rangeText(input);
  if (range && f.type !== 'text') parts.push(`取值范围：${range}。`);
  if (input.hint && input.hint !== f.help) parts.push(`${input.hint}。`);
  if (f.dashIsZero && f.type !== 'text') parts.push('无发生额填 0 或「—」。');
  if (f.maxLength) parts.push(`不超过 ${f.maxLength} 字。`);
  if (f.required) parts.push('必填。');
  return clip(parts.join(''), 255);
}

function withPrompt(input: InputCell, v: Omit<ExcelJS.DataValidation, 'showInputMessage' | 'promptTitle' | 'prompt'>): ExcelJS.DataValidation {
  return { ...v, showInputMessage: true, promptTitle: clip(input.field.label, 32), prompt: promptFor(input) } as ExcelJS.DataValidation;
}

function numberRule(input: InputCell, type: 'decimal' | 'whole'): ExcelJS.DataValidation {
  const f = input.field;
  const errorText = `「${input.label}」应填${type === 'whole' ? '整数' : '数字'}${rangeText(input) ? `，取值范围 ${rangeText(input)}` : ''}。`;
  const common = { type, allowBlank: true, showErrorMessage: true, errorStyle: 'stop', errorTitle: '数值不符合要求', error: clip(errorText, 225) } as const;
  if (f.min !== undefined && f.max !== undefined) return withPrompt(input, { ...common, operator: 'between', formulae: [f.min, f.max] });
  if (f.min !== undefined) return withPrompt(input, { ...common, operator: 'greaterThanOrEqual', formulae: [f.min] });
  if (f.max !== undefined) return withPrompt(input, { ...common, operator: 'lessThanOrEqual', formulae: [f.max] });
  // No bound in the catalogue: still refuse text in a number cell.
  return withPrompt(input, { ...common, operator: 'between', formulae: [-1e15, 1e15] });
}

const SHORT_TEXT_LIMIT = 100;

export interface ListSources {
  /** Absolute range of the institution names on the hidden list sheet, e.g. '下拉选项'!$A$1:$A$11. */
  institutions: string | null;
  quarters: string | null;
}

/** The validation for one input cell, or null where Excel can check nothing useful. */
export function validationFor(input: InputCell, lists: ListSources): ExcelJS.DataValidation | null {
  const f = input.field;
  if (f.role === 'institution' && lists.institutions) {
    return withPrompt(input, {
      type: 'list',
      allowBlank: false,
      formulae: [lists.institutions],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '机构名称',
      error: '请从下拉列表选择本机构全称；列表中没有的，请与人民银行联系。',
    });
  }
  if (f.role === 'quarter' && lists.quarters) {
    return withPrompt(input, {
      type: 'list',
      allowBlank: false,
      formulae: [lists.quarters],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '报告期',
      error: '报告期格式如 2025Q3（2025年第三季度），请从下拉列表选择。',
    });
  }
  switch (f.type) {
    case 'amount':
    case 'rate':
      return numberRule(input, 'decimal');
    case 'count':
      return numberRule(input, 'whole');
    case 'date':
      return withPrompt(input, {
        type: 'date',
        allowBlank: true,
        operator: 'greaterThan',
        formulae: [new Date(Date.UTC(2020, 0, 1))],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '日期格式',
        error: '请填写日期，如 2025-10-03。',
      });
    case 'text': {
      // Short cover answers (names, phone) get a generous cap; long answers use the catalogue's.
      const limit = f.maxLength ?? SHORT_TEXT_LIMIT;
      return withPrompt(input, {
        type: 'textLength',
        allowBlank: true,
        operator: 'lessThanOrEqual',
        formulae: [limit],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '字数超出',
        error: `「${input.label}」不超过 ${limit} 字${f.maxLength ? '，较长材料请另附文件' : ''}。`,
      });
    }
  }
}
