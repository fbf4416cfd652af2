/** The analyst's desk (issue 14): the banks' texts, 退回通知 and the audit log. */
import type { TextListing, TextQuery } from './texts-types';
import type { ReturnCandidate, ReturnNotice, ReturnSourceRef } from './returns-types';
import type { AuditListing, AuditQuery } from './audit-types';

export interface DeskTextsApi {
  /** The banks' texts (文字材料) of current reports, by quarter, bank and kind, and searched (every term must occur). */
  'texts.list': { args: TextQuery; result: TextListing };
  /** Files refused on import (bank and quarter read) and reports accepted with 提示: what a 退回通知 can be made from. */
  'returns.list': { args: { region?: string; quarter?: string }; result: ReturnCandidate[] };
  /**
   * The 退回通知 of a refused file or of a report with 提示, written as .docx or .xlsx (by
   * format, or out's ending). Made once (numbered, dated, audited); made again it is the same notice.
   */
  'returns.notice': {
    args: { source: ReturnSourceRef; out: string; format?: 'docx' | 'xlsx'; workingDays?: number; deadline?: string };
    result: { path: string; notice: ReturnNotice };
  };
  /** 审计日志: every change, who and when, filtered (by local date, category, 操作人, text), newest first. */
  'audit.list': { args: AuditQuery; result: AuditListing };
  /** The filtered audit log as an .xlsx table (every matching entry). */
  'audit.export': { args: AuditQuery & { out: string }; result: { path: string; rows: number } };
  /** The quarter's chase list (未报, 已退回, 逾期) as a 催报通知 (.docx or .xlsx). */
  'status.chaseNotice': { args: { region: string; quarter: string; out: string; format?: 'docx' | 'xlsx'; workingDays?: number }; result: { path: string; items: number } };
}
