/**
 * The import check result as one table for the clipboard and Excel: every problem of
 * every file on its own row, located to file, sheet and cell, so the analyst can send
 * it to the bank or keep it with the batch. A file without problems still has its row.
 */
import type { OfficeSheet } from './officeTable';

interface Issue {
  sheet: string | null;
  cell: string | null;
  message: string;
  rule?: string;
  ruleTitle?: string;
}

export interface CheckedFile {
  file: string;
  institutionName?: string | null;
  institution?: string | null;
  quarter?: string | null;
  /** The file's result as the page words it (可以导入 / 不能导入 / 待确认…). */
  result: string;
  errors: readonly Issue[];
  warnings: readonly Issue[];
  notes: readonly Issue[];
}

export function checkResultSheet(files: readonly CheckedFile[], meta: { title: string; period: string; madeAt?: string }): OfficeSheet {
  const rows = files.flatMap((f) => {
    const base = { file: f.file, institution: f.institutionName ?? f.institution ?? '', quarter: f.quarter ?? '', result: f.result };
    const issues = [
      ...f.errors.map((i) => ({ i, level: '错误' })),
      ...f.warnings.map((i) => ({ i, level: '警告' })),
      ...f.notes.map((i) => ({ i, level: '提示' })),
    ];
    if (issues.length === 0) return [{ ...base, level: '', sheet: '', cell: '', message: '检查通过，没有错误或警告', rule: '' }];
    return issues.map(({ i, level }) => ({
      ...base,
      level,
      sheet: i.sheet ?? '（整个文件）',
      cell: i.cell ?? '',
      message: i.message,
      rule: i.rule ? `${i.rule}${i.ruleTitle ? ` ${i.ruleTitle}` : ''}` : '',
    }));
  });
  return {
    name: '检查结果',
    title: meta.title,
    period: meta.period,
    unit: '',
    columns: [
      { key: 'file', header: '文件', width: 30 },
      { key: 'institution', header: '机构', width: 20 },
      { key: 'quarter', header: '报告期', width: 9, align: 'center' },
      { key: 'result', header: '结果', width: 12, align: 'center' },
      { key: 'level', header: '级别', width: 6, align: 'center' },
      { key: 'sheet', header: '工作表', width: 12 },
      { key: 'cell', header: '单元格', width: 8, align: 'center' },
      { key: 'message', header: '问题', width: 50 },
      { key: 'rule', header: '审核公式', width: 24 },
    ],
    rows,
    source: '本系统导入检查',
    landscape: true,
  };
}
