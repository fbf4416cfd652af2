/** An input of a 数据来源 explanation as one table row: the same columns in the panel's copy and in the CLI. */

/** What a row needs of an input (ExplainInput in src/api/explain-types.ts has these fields). */
export interface InputLike {
  institutionName: string;
  quarter: string;
  period: string;
  fieldLabel: string;
  memberName: string | null;
  display: string;
  file: string;
  sheet: string;
  cell: string;
  version: number;
  resubmission: boolean;
  receivedDate: string;
  submissionId: number;
}

export const INPUT_HEADER = ['机构', '季度', '期别', '项目', '数值', '文件', '工作表!单元格', '版本', '收到日期', '报送记录'] as const;

export function inputItem(i: Pick<InputLike, 'fieldLabel' | 'memberName'>): string {
  return i.memberName ? `${i.memberName}·${i.fieldLabel}` : i.fieldLabel;
}

export function inputRow(i: InputLike): string[] {
  return [i.institutionName, i.quarter, i.period, inputItem(i), i.display, i.file, `${i.sheet}!${i.cell}`, `第${i.version}版${i.resubmission ? '（重报）' : ''}`, i.receivedDate, String(i.submissionId)];
}
