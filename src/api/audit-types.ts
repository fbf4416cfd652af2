/** The audit log as the 审计日志 page and its export show it. */
export interface AuditQuery {
  /** Local calendar dates, inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** A category id of AUDIT_CATEGORIES (导入, 撤销与恢复, 考核, …). */
  category?: string;
  actor?: string;
  /** Text that must occur in the entry (what, which, the detail). */
  search?: string;
  limit?: number;
}

export interface AuditRow {
  id: number;
  /** ISO time (UTC) as stored. */
  at: string;
  actor: string;
  action: string;
  /** The action in words (导入报表, 撤销导入批次, 修改定性评分, …). */
  actionLabel: string;
  category: string;
  categoryLabel: string;
  /** What was changed: the entity and its id as stored. */
  target: string;
  /** The detail as recorded (before/after, file, reason), compact. */
  detail: string;
}

export interface AuditListing {
  rows: AuditRow[];
  /** Entries matching the filters (rows holds at most limit of them, newest first). */
  total: number;
  actors: string[];
  categories: { id: string; label: string }[];
}
