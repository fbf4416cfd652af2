/** 定性评分: entered by analysts per institution, year and item, with a reason; every change is audited. */
import type { DB } from '../db/database';
import type { QualitativeEntry, SetQualitativeArgs } from '../../api/assessment-types';
import { fail } from '../../domain/result';
import { audit } from '../db/audit';
import { schemeForYear } from './pin';
import { nowIso } from '../../domain/clock';
import { localUser } from '../settings/localUser';

export function setQualitative(db: DB, a: SetQualitativeArgs): QualitativeEntry {
  const inst = db.prepare('SELECT code, region FROM institutions WHERE code = ?').get(a.institution) as { code: string; region: string } | undefined;
  if (!inst) fail('E_INSTITUTION_UNKNOWN', { institution: a.institution });
  if (!Number.isInteger(a.year) || a.year < 2000 || a.year > 2100) fail('E_YEAR', { what: '年度', year: a.year });
  const reason = a.reason.trim();
  if (!reason) fail('E_REASON_REQUIRED', {});
  const { scheme } = schemeForYear(db, inst.region, a.year, null);
  const item = scheme.items.find((i) => i.id === a.item && i.rule.type === 'qualitative');
  if (!item) {
    const items = scheme.items.filter((i) => i.rule.type === 'qualitative').map((i) => `${i.id}（${i.label}，满分 ${i.max}）`);
    fail('E_ITEM_UNKNOWN', { scheme: scheme.name, kind: '定性评分项', id: a.item, known: items.join('、') });
  }
  if (!Number.isFinite(a.score) || a.score < 0 || a.score > item.max) fail('E_SCORE_RANGE', { item: item.label, max: item.max, score: a.score });
  const actor = a.actor ?? localUser(db);
  const at = nowIso();
  return db.transaction(() => {
    const before = db.prepare('SELECT score, reason FROM qualitative_scores WHERE institution = ? AND year = ? AND item = ?').get(a.institution, a.year, a.item) as
      | { score: number; reason: string }
      | undefined;
    db.prepare(
      `INSERT INTO qualitative_scores (institution, year, item, score, reason, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (institution, year, item) DO UPDATE SET score = excluded.score, reason = excluded.reason, entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
    ).run(a.institution, a.year, a.item, a.score, reason, actor, at);
    audit(db, actor, 'qualitative.set', 'qualitative_score', `${a.institution}/${a.year}/${a.item}`, { before: before ?? null, after: { score: a.score, reason } });
    return { institution: a.institution, year: a.year, item: a.item, score: a.score, reason, enteredBy: actor, enteredAt: at };
  })();
}

export function listQualitative(db: DB, region: string, year: number): QualitativeEntry[] {
  return db
    .prepare(
      `SELECT q.institution, q.year, q.item, q.score, q.reason, q.entered_by AS enteredBy, q.entered_at AS enteredAt
       FROM qualitative_scores q JOIN institutions i ON i.code = q.institution WHERE i.region = ? AND q.year = ? ORDER BY q.institution, q.item`,
    )
    .all(region, year) as QualitativeEntry[];
}
