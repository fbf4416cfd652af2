/** 退回重报: a 退回通知 made from a refused file or from a report accepted with 提示. */

/** One problem a notice lists. */
export interface ReturnProblem {
  /** Sheet and cell in the bank's file (null for a problem of the whole file). */
  sheet: string | null;
  cell: string | null;
  /** The form's item at that cell (项目), when the cell is an input of the form. */
  item: string | null;
  /** What the clerk typed there, as the spreadsheet showed it ('' for a blank). */
  typed: string | null;
  /** What the form expects there (数值（万元，不小于 0）…, or the check rule in words). */
  expected: string | null;
  /** The problem, as the check said it. */
  message: string;
  /** 错误 (the file was refused for it) or 提示 (accepted with a 说明). */
  level: '错误' | '提示';
  /** The bank's or analyst's 说明 accepted for a 提示, where one was given. */
  explanation: string | null;
}

/** Where a notice comes from: a file refused on import, or a stored report that had 提示. */
export type ReturnSourceRef = { kind: 'rejected'; id: number } | { kind: 'submission'; id: number };

export interface ReturnCandidate {
  source: ReturnSourceRef;
  institution: string | null;
  institutionName: string | null;
  quarter: string | null;
  fileName: string;
  receivedDate: string | null;
  sha256: string | null;
  problems: number;
  /** The notice already made from it, if any. */
  notice: { number: string; date: string; deadline: string } | null;
}

export interface ReturnNotice {
  id: number;
  /** 文号, e.g. 安康退〔2026〕3号. */
  number: string;
  region: string;
  regionName: string;
  /** Who sends it (the region's 人民银行 branch). */
  issuer: string;
  institution: string;
  institutionName: string;
  quarter: string;
  quarterLabel: string;
  fileName: string;
  receivedDate: string | null;
  sha256: string | null;
  /** The first 12 hexadecimal digits, as the notice prints them. */
  shaPrefix: string;
  /** YYYY-MM-DD */
  date: string;
  /** The 重报 deadline (YYYY-MM-DD), and how it was set. */
  deadline: string;
  deadlineNote: string;
  problems: ReturnProblem[];
  issuedBy: string;
  source: ReturnSourceRef;
}

/** What the latest 退回通知 of a report says and whether a corrected report came since. */
export interface ReturnState {
  number: string;
  date: string;
  deadline: string;
  /** Arrival date of the 重报 that followed the notice; null while none has come. */
  resubmitted: string | null;
}
