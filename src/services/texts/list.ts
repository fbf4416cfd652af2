/**
 * The banks' texts (文字材料) as the current versions of their reports hold them: listed by
 * quarter, bank and kind, and searched in Chinese across every quarter. Which fields are
 * texts comes from the catalogue (the sections of kind 'text' of every template version);
 * terms of three characters or more go through the FTS5 trigram index (migration 10),
 * shorter ones through LIKE, and every term must occur.
 */
import type { DB } from '../db/database';
import type { TextEntry, TextKindInfo, TextListing, TextQuery } from '../../api/texts-types';
import { failure } from '../../domain/result';
import { parseQuarter, quarterId, quarterLabel } from '../../domain/quarter';
import { attributionLine, charLength, findHits, ftsExpression, likePattern, queryTerms, TRIGRAM } from '../../domain/text/search';
import { getCatalogue, listTemplateVersions } from '../catalogue/fields';
import { resolveRegionCode } from '../registry/regions';

const DEFAULT_LIMIT = 300;
const MAX_LIMIT = 2000;

/** The 文字材料 fields of every template version, in the form's order (the first version's label wins). */
export function textKinds(db: DB): TextKindInfo[] {
  const out = new Map<string, string>();
  for (const version of listTemplateVersions(db)) {
    const cat = getCatalogue(db, version);
    const labels = new Map(cat.fields.map((f) => [f.key, f.label]));
    for (const s of cat.sections) {
      if (s.kind !== 'text') continue;
      for (const key of s.fields) if (!out.has(key)) out.set(key, labels.get(key) ?? key);
    }
  }
  return [...out].map(([key, label]) => ({ key, label }));
}

function quarterOrFail(text: string): string {
  const q = parseQuarter(text);
  if (!q) throw failure('E_QUARTER_INVALID', { what: '报告期', quarter: text });
  return quarterId(q);
}

function kindOrFail(kinds: TextKindInfo[], text: string): TextKindInfo {
  const t = text.trim();
  const hit = kinds.find((k) => k.key === t || k.label === t || k.label.startsWith(t));
  if (!hit) throw failure('E_TEXT_KIND', { kind: text, known: kinds.map((k) => k.label).join('、') });
  return hit;
}

interface Row {
  submission_id: number;
  institution: string;
  name: string;
  region: string;
  quarter: string;
  version: number;
  file_name: string;
  received_date: string;
  field_key: string;
  text: string;
  sheet: string;
  cell: string;
}

export function listTexts(db: DB, q: TextQuery): TextListing {
  const kinds = textKinds(db);
  const where: string[] = [`s.status = 'current'`, `v.text IS NOT NULL`, `trim(v.text) <> ''`];
  const params: unknown[] = [];
  let region: string | null = null;
  if (q.region) {
    region = resolveRegionCode(db, q.region);
    if (!region) throw failure('E_REGION_UNKNOWN', { region: q.region });
    where.push('i.region = ?');
    params.push(region);
  }
  if (q.quarter) {
    where.push('s.quarter = ?');
    params.push(quarterOrFail(q.quarter));
  } else if (q.from || q.to) {
    const from = quarterOrFail(q.from ?? q.to ?? '');
    const to = quarterOrFail(q.to ?? q.from ?? '');
    if (from > to) throw failure('E_QUARTER_RANGE', { from, to });
    where.push('s.quarter BETWEEN ? AND ?');
    params.push(from, to);
  }
  if (q.institution) {
    const code = (db.prepare('SELECT code FROM institutions WHERE code = ? OR name = ?').get(q.institution, q.institution) as { code: string } | undefined)?.code;
    if (!code) throw failure('E_INSTITUTION_UNKNOWN', { institution: q.institution });
    where.push('s.institution = ?');
    params.push(code);
  }
  const shownKinds = q.kind ? [kindOrFail(kinds, q.kind)] : kinds;
  where.push('v.field_key IN (SELECT value FROM json_each(?))');
  params.push(JSON.stringify(shownKinds.map((k) => k.key)));

  const terms = queryTerms(q.search ?? '');
  const match = ftsExpression(terms);
  if (match) {
    where.push('(v.submission_id, v.field_key) IN (SELECT submission_id, field_key FROM report_text_index WHERE report_text_index MATCH ?)');
    params.push(match);
  }
  for (const t of terms.filter((t) => charLength(t) < TRIGRAM)) {
    where.push(`v.text LIKE ? ESCAPE '\\'`);
    params.push(likePattern(t));
  }
  const limit = Math.min(Math.max(1, Math.floor(q.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
  const from = `FROM submissions s JOIN institutions i ON i.code = s.institution JOIN submission_values v ON v.submission_id = s.id AND v.member = '' WHERE ${where.join(' AND ')}`;
  const total = (db.prepare(`SELECT count(*) AS n ${from}`).get(...params) as { n: number }).n;
  const order = new Map(kinds.map((k, i) => [k.key, i]));
  const rows = db
    .prepare(
      `SELECT s.id AS submission_id, s.institution, i.name, i.region, s.quarter, s.version, s.file_name, s.received_date, v.field_key, v.text, v.sheet, v.cell
       ${from} ORDER BY s.quarter DESC, i.code, v.field_key LIMIT ?`,
    )
    .all(...params, limit) as Row[];
  rows.sort((a, b) => (a.quarter < b.quarter ? 1 : a.quarter > b.quarter ? -1 : a.institution < b.institution ? -1 : a.institution > b.institution ? 1 : (order.get(a.field_key) ?? 0) - (order.get(b.field_key) ?? 0)));
  const labelOf = new Map(kinds.map((k) => [k.key, k.label]));
  const entries = rows.map((r): TextEntry => {
    const ql = quarterLabelOf(r.quarter);
    const kindLabel = labelOf.get(r.field_key) ?? r.field_key;
    return {
      submissionId: r.submission_id,
      institution: r.institution,
      institutionName: r.name,
      region: r.region,
      quarter: r.quarter,
      quarterLabel: ql,
      kind: r.field_key,
      kindLabel,
      text: r.text,
      sheet: r.sheet,
      cell: r.cell,
      version: r.version,
      fileName: r.file_name,
      receivedDate: r.received_date,
      hits: findHits(r.text, terms),
      attribution: attributionLine(r.name, ql, kindLabel),
    };
  });
  const quarters = (
    db
      .prepare(
        `SELECT DISTINCT s.quarter FROM submissions s JOIN institutions i ON i.code = s.institution JOIN submission_values v ON v.submission_id = s.id
         WHERE s.status = 'current' AND v.text IS NOT NULL AND v.field_key IN (SELECT value FROM json_each(?))${region ? ' AND i.region = ?' : ''} ORDER BY s.quarter DESC`,
      )
      .all(JSON.stringify(kinds.map((k) => k.key)), ...(region ? [region] : [])) as { quarter: string }[]
  ).map((r) => r.quarter);
  return { kinds, entries, total, terms: terms.map((term) => ({ term, via: charLength(term) >= TRIGRAM ? 'index' : 'like' })), quarters };
}

function quarterLabelOf(id: string): string {
  const q = parseQuarter(id);
  return q ? quarterLabel(q) : id;
}
