/**
 * The stable key of one import issue within its file: what an analyst's decision on a
 * warning (FileAck) is keyed by, so a decision made on the check result still applies
 * when the same file is committed.
 */
export interface KeyedIssue {
  code: string;
  rule?: string;
  sheet: string | null;
  cell: string | null;
}

export function issueKey(i: KeyedIssue): string {
  return `${i.rule ?? i.code}@${i.sheet ?? ''}!${i.cell ?? ''}`;
}

/** What a ticked 'confirm' warning is stored with (the 数据导入 window's tick; the bench's user flow ticks the same). */
export const CONFIRMED_TEXT = '已确认';
