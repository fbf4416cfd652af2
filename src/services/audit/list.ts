/**
 * 审计日志: every import, rollback, restore, score, target and setting change, who (本机使用人)
 * and when, filtered by date, category, person and text, newest first; exported as a table.
 */
import type { DB } from '../db/database';
import type { AuditListing, AuditQuery, AuditRow } from '../../api/audit-types';
import { AUDIT_ACTIONS, AUDIT_CATEGORIES, auditAction, auditCategoryLabel, auditDetail, auditTarget } from '../../domain/present/auditActions';
import { formatLocalDateTime } from '../../domain/present/time';
import { failure } from '../../domain/result';
import { writeOfficeWorkbook, type OfficeSheet } from '../exports/office-table';

const DATE = /^\d{4}-\d{2}-\d{2}$/u;

/** A local calendar date's first moment as the log stores times (ISO, UTC). */
function startOf(date: string, field: string): string {
  const d = new Date(`${date}T00:00:00`);
  if (!DATE.test(date) || Number.isNaN(d.getTime())) throw failure('E_AUDIT_DATE', { field, date });
  return d.toISOString();
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00`);
  d.setDate(d.getDate() + 1);
  return d.toISOString();
}

function where(q: AuditQuery): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (q.from) {
    parts.push('at >= ?');
    params.push(startOf(q.from, '起始日期'));
  }
  if (q.to) {
    startOf(q.to, '截止日期');
    parts.push('at < ?');
    params.push(nextDay(q.to));
  }
  if (q.category) {
    if (!AUDIT_CATEGORIES.some((c) => c.id === q.category)) throw failure('E_AUDIT_CATEGORY', { category: q.category, known: AUDIT_CATEGORIES.map((c) => c.label).join('、') });
    const known = Object.keys(AUDIT_ACTIONS);
    const mine = known.filter((a) => AUDIT_ACTIONS[a]?.category === q.category);
    if (q.category === 'other') {
      parts.push(`action NOT IN (${known.map(() => '?').join(', ')})`);
      params.push(...known);
    } else {
      parts.push(`action IN (${mine.map(() => '?').join(', ')})`);
      params.push(...mine);
    }
  }
  if (q.actor) {
    parts.push('actor = ?');
    params.push(q.actor);
  }
  const text = q.search?.trim();
  if (text) {
    // The words as shown (the action's label) or as stored (entity, id, the detail's text).
    const labelled = Object.entries(AUDIT_ACTIONS).filter(([, v]) => v.label.includes(text)).map(([k]) => k);
    const like = `%${text.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
    parts.push(`(action LIKE ? ESCAPE '\\' OR entity LIKE ? ESCAPE '\\' OR COALESCE(entity_id, '') LIKE ? ESCAPE '\\' OR detail_json LIKE ? ESCAPE '\\' OR actor LIKE ? ESCAPE '\\'${labelled.length ? ` OR action IN (${labelled.map(() => '?').join(', ')})` : ''})`);
    params.push(like, like, like, like, like, ...labelled);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

function rowOf(r: { id: number; at: string; actor: string; action: string; entity: string; entityId: string | null; detail: string }): AuditRow {
  const a = auditAction(r.action);
  let parsed: unknown = r.detail;
  try {
    parsed = JSON.parse(r.detail);
  } catch {
    // A detail written as plain text is shown as it is.
  }
  const detail = auditDetail(parsed);
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    actionLabel: a.label,
    category: a.category,
    categoryLabel: auditCategoryLabel(a.category),
    target: auditTarget(r.entity, r.entityId),
    detail: detail.length > 2000 ? `${detail.slice(0, 2000)}…` : detail,
  };
}

export function listAuditRows(db: DB, q: AuditQuery): AuditListing {
  const w = where(q);
  const limit = Math.min(Math.max(q.limit ?? 500, 1), 100_000);
  const rows = db
    .prepare(`SELECT id, at, actor, action, entity, entity_id AS entityId, detail_json AS detail FROM audit_log ${w.sql} ORDER BY id DESC LIMIT ?`)
    .all(...w.params, limit) as { id: number; at: string; actor: string; action: string; entity: string; entityId: string | null; detail: string }[];
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${w.sql}`).get(...w.params) as { n: number }).n;
  const actors = (db.prepare('SELECT DISTINCT actor FROM audit_log ORDER BY actor').all() as { actor: string }[]).map((r) => r.actor);
  return { rows: rows.map(rowOf), total, actors, categories: AUDIT_CATEGORIES.map((c) => ({ id: c.id, label: c.label })) };
}

/** The filtered log as an office table (every matching entry, not only the page's first rows). */
export async function exportAudit(db: DB, q: AuditQuery, out: string): Promise<{ path: string; rows: number }> {
  const listing = listAuditRows(db, { ...q, limit: 100_000 });
  const filters = [
    q.from || q.to ? `${q.from ?? '最早'} 至 ${q.to ?? '今'}` : '全部日期',
    q.category ? auditCategoryLabel(q.category) : '全部类别',
    q.actor ? `操作人：${q.actor}` : '',
    q.search?.trim() ? `含「${q.search.trim()}」` : '',
  ].filter(Boolean);
  const sheet: OfficeSheet = {
    name: '审计日志',
    title: '乡村振兴金融监测与考核系统审计日志',
    period: `范围：${filters.join('，')}`,
    unit: `共 ${listing.total} 条`,
    landscape: true,
    columns: [
      { key: 'time', header: '时间', width: 17 },
      { key: 'actor', header: '操作人', width: 10 },
      { key: 'categoryLabel', header: '类别', width: 10 },
      { key: 'actionLabel', header: '操作', width: 16 },
      { key: 'target', header: '对象', width: 22 },
      { key: 'detail', header: '详情', width: 70 },
    ],
    rows: listing.rows.map((r) => ({ time: formatLocalDateTime(r.at), actor: r.actor, categoryLabel: r.categoryLabel, actionLabel: r.actionLabel, target: r.target, detail: r.detail })),
    source: '本机数据库审计日志（每次导入、撤销、恢复、评分、目标与设置修改时自动记录）',
  };
  const path = await writeOfficeWorkbook(out, [sheet], { title: '审计日志' });
  return { path, rows: listing.rows.length };
}
