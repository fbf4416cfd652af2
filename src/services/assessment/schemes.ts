/**
 * Assessment schemes as versioned data in the database. The shipped defaults
 * (resources/schemes) are stored as version 1 on first use; each import of an
 * edited scheme with the same id becomes the next version. Old versions stay.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DB } from '../db/database';
import type { SavedSchemeVersion, SaveSchemeArgs, SchemeSummary, SchemeVersionInfo } from '../../api/assessment-types';
import type { Scheme } from '../../domain/assessment/types';
import { validateScheme } from '../../domain/assessment/validate';
import { fail, failure } from '../../domain/result';
import { applyEdit, describeChanges, editShapeProblems, type SchemeEdit } from '../../domain/assessment/edit';
import { formatLocalDateTime } from '../../domain/present/time';
import { parseJsonText } from '../../domain/text/jsonError';
import { audit } from '../db/audit';
import { readResourceJson, resourcesDir } from '../resources';
import { loadIndicatorCatalogue } from '../indicators/catalogue';
import { nowIso } from '../../domain/clock';
import { localUser } from '../settings/localUser';

export interface StoredScheme {
  scheme: Scheme;
  version: number;
  createdAt: string;
  source: string;
}

export function defaultSchemeId(region: string): string {
  return `${region}-default`;
}

function indicatorShapes(): Map<string, { dimension: string | null }> {
  return new Map(loadIndicatorCatalogue().indicators.map((d) => [d.id, { dimension: d.dimension ?? null }]));
}

export function schemeProblems(s: Scheme, opts: { checkTotals?: boolean } = {}): string[] {
  return validateScheme(s, indicatorShapes(), opts);
}

function sha(json: string): string {
  return createHash('sha256').update(json).digest('hex');
}

/**
 * Stores the shipped default schemes: as version 1 when the database has none of that id;
 * when a release ships a changed sample, as the next version — unless the analyst has
 * imported a version of their own since, which stays the newest. Years already scored keep
 * the version they were scored with (pin.ts), so their results reproduce.
 */
export function ensureShippedSchemes(db: DB): void {
  const dir = join(resourcesDir(), 'schemes');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  for (const f of files) {
    const s = readResourceJson<Scheme>('schemes', f);
    const regionKnown = db.prepare('SELECT 1 FROM regions WHERE code = ?').get(s.region);
    if (!regionKnown) continue;
    const stored = db.prepare('SELECT version, sha256, source FROM assessment_schemes WHERE id = ? ORDER BY version').all(s.id) as { version: number; sha256: string; source: string }[];
    const latest = stored[stored.length - 1];
    if (!latest) {
      storeVersion(db, s, { source: 'shipped', actor: 'system' });
      continue;
    }
    if (latest.source === 'shipped' && !stored.some((v) => v.sha256 === sha(JSON.stringify(s)))) storeVersion(db, s, { source: 'shipped', actor: 'system' });
  }
}

interface StoreOptions {
  source: string;
  actor: string;
  /** 修改说明 (a version saved from the grid). */
  note?: string;
  /** The audit entry: by default 「保存考核方案」 with where the version came from. */
  audit?: (version: number) => { action: string; detail: unknown };
}

function storeVersion(db: DB, s: Scheme, o: StoreOptions): number {
  const json = JSON.stringify(s);
  return db.transaction(() => {
    const latest = db.prepare('SELECT version, sha256 FROM assessment_schemes WHERE id = ? ORDER BY version DESC LIMIT 1').get(s.id) as
      | { version: number; sha256: string }
      | undefined;
    const digest = sha(json);
    if (latest && latest.sha256 === digest) return latest.version;
    const version = (latest?.version ?? 0) + 1;
    db.prepare('INSERT INTO assessment_schemes (id, version, region, name, json, sha256, source, created_at, created_by, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      s.id,
      version,
      s.region,
      s.name,
      json,
      digest,
      o.source,
      nowIso(),
      o.actor,
      o.note ?? null,
    );
    const entry = o.audit?.(version) ?? { action: 'scheme.store', detail: { source: o.source, name: s.name } };
    audit(db, o.actor, entry.action, 'assessment_scheme', `${s.id}@${version}`, entry.detail);
    return version;
  })();
}

/** Parses `id` or `id@version`. */
export function parseSchemeRef(ref: string): { id: string; version: number | null } {
  const m = /^([^@]+)(?:@(\d+))?$/.exec(ref.trim());
  if (!m) fail('E_SCHEME_REF', { ref });
  return { id: m[1] ?? '', version: m[2] ? Number(m[2]) : null };
}

export function getScheme(db: DB, id: string, version: number | null = null): StoredScheme {
  ensureShippedSchemes(db);
  const row = (
    version === null
      ? db.prepare('SELECT json, version, created_at, source FROM assessment_schemes WHERE id = ? ORDER BY version DESC LIMIT 1').get(id)
      : db.prepare('SELECT json, version, created_at, source FROM assessment_schemes WHERE id = ? AND version = ?').get(id, version)
  ) as { json: string; version: number; created_at: string; source: string } | undefined;
  if (!row) {
    const known = listSchemes(db).map((s) => `${s.id}（版本 ${s.versions.join('、')}）`);
    fail('E_SCHEME_UNKNOWN', { scheme: `${id}${version === null ? '' : `@${version}`}`, known: known.join('；') || '无' });
  }
  return { scheme: JSON.parse(row.json) as Scheme, version: row.version, createdAt: row.created_at, source: row.source };
}

export function listSchemes(db: DB, region?: string): SchemeSummary[] {
  ensureShippedSchemes(db);
  const rows = db
    .prepare(`SELECT id, version, region, name, created_at, created_by, source, note FROM assessment_schemes ${region ? 'WHERE region = ?' : ''} ORDER BY region, id, version`)
    .all(...(region ? [region] : [])) as { id: string; version: number; region: string; name: string; created_at: string; created_by: string; source: string; note: string | null }[];
  const out = new Map<string, SchemeSummary>();
  for (const r of rows) {
    const prev = out.get(r.id);
    const info: SchemeVersionInfo = { version: r.version, createdAt: r.created_at, createdBy: r.created_by, source: r.source, note: r.note };
    out.set(r.id, {
      id: r.id,
      name: r.name,
      region: r.region,
      version: r.version,
      versions: [...(prev?.versions ?? []), r.version],
      createdAt: r.created_at,
      source: r.source,
      history: [...(prev?.history ?? []), info],
    });
  }
  return [...out.values()];
}

/** Imports a scheme file's text: validated, then stored as the next version of its id (unchanged text keeps the version). */
export function importScheme(db: DB, text: string, file: string, actor = localUser(db)): { id: string; version: number; region: string; name: string } {
  const parsed = parseJsonText(text.replace(/^\uFEFF/, ''));
  // The parser's own message would quote the file's first bytes: only the place is told.
  if (!parsed.ok) fail('E_SCHEME_JSON', { reason: parsed.problem }, { file });
  const s = parsed.value as Scheme;
  const problems = schemeProblems(s);
  if (!db.prepare('SELECT 1 FROM regions WHERE code = ?').get(s.region)) problems.push(`地区「${s.region}」不存在，应为 ankang 或 bishan。`);
  // Each problem is a sentence; joined into one, they are separated by 「；」 and the whole ends with one 「。」.
  if (problems.length) fail('E_SCHEME_INVALID', { problems: problems.map((x) => x.replace(/。$/, '')).join('；') }, { file });
  ensureShippedSchemes(db);
  // The log says what the file changed in the figures the grid edits too (rules and groups are said by the file itself).
  const previous = db.prepare('SELECT json FROM assessment_schemes WHERE id = ? ORDER BY version DESC LIMIT 1').get(s.id) as { json: string } | undefined;
  const changes = previous ? describeChanges(JSON.parse(previous.json) as Scheme, s) : [];
  const source = `import:${file}`;
  const version = storeVersion(db, s, { source, actor, audit: () => ({ action: 'scheme.store', detail: { source, name: s.name, ...(changes.length ? { changes } : {}) } }) });
  return { id: s.id, version, region: s.region, name: s.name };
}

export function exportScheme(db: DB, id: string, version: number | null = null): { json: string; id: string; version: number } {
  const st = getScheme(db, id, version);
  return { json: `${JSON.stringify(st.scheme, null, 2)}\n`, id: st.scheme.id, version: st.version };
}

/** A 修改说明 is a sentence or a short paragraph, not a file. */
const NOTE_MAX = 500;

/** Problems joined as one sentence: separated by 「；」, one 「。」 at the end (added by the message). */
function sentence(problems: readonly string[]): string {
  return [...new Set(problems.map((x) => x.replace(/。$/u, '')))].join('；');
}

/**
 * 保存为新版本 (the grid in 机构与设置, or `scheme --edit`): the edit is put over the newest
 * version the analyst opened and checked as a whole scheme (each part's points adding up to
 * what it declares, two decimals, grade lines in order), then stored as the next version with
 * its 修改说明. The audit entry names every figure changed, before and after. Refused — nothing
 * written — when the note is missing, the figures are wrong, nothing changed, or another
 * version was saved since the analyst opened this one.
 */
export function saveSchemeVersion(db: DB, args: SaveSchemeArgs, actor = localUser(db)): SavedSchemeVersion {
  const note = args.note.trim();
  if (!note || note.length > NOTE_MAX) throw failure('E_SCHEME_NOTE', { max: NOTE_MAX });
  return db.transaction((): SavedSchemeVersion => {
    const base = getScheme(db, args.id);
    if (base.version !== args.baseVersion) {
      const by = db.prepare('SELECT created_by, created_at FROM assessment_schemes WHERE id = ? AND version = ?').get(args.id, base.version) as { created_by: string; created_at: string };
      throw failure('E_SCHEME_STALE', { scheme: base.scheme.name, base: args.baseVersion, newest: base.version, by: by.created_by, at: formatLocalDateTime(by.created_at) });
    }
    const edit: SchemeEdit = {
      ...(args.points ? { points: args.points } : {}),
      ...(args.caps ? { caps: args.caps } : {}),
      ...(args.cutoffs ? { cutoffs: args.cutoffs } : {}),
      ...(args.shares ? { shares: args.shares } : {}),
    };
    const shape = editShapeProblems(base.scheme, edit);
    if (shape.length) throw failure('E_SCHEME_EDIT_INVALID', { scheme: base.scheme.name, problems: sentence(shape) });
    const edited = applyEdit(base.scheme, edit);
    const problems = schemeProblems(edited);
    if (problems.length) throw failure('E_SCHEME_EDIT_INVALID', { scheme: base.scheme.name, problems: sentence(problems) });
    const changes = describeChanges(base.scheme, edited);
    if (!changes.length) throw failure('E_SCHEME_UNCHANGED', { scheme: base.scheme.name, version: base.version });
    const version = storeVersion(db, edited, {
      source: 'edit',
      actor,
      note,
      audit: (v) => ({ action: 'scheme.edit', detail: { note, changes, version: v, basedOn: base.version, name: edited.name } }),
    });
    const pinnedYears = db
      .prepare('SELECT year, scheme_version AS version FROM assessment_results WHERE scheme_id = ? AND scheme_version <> ? ORDER BY year')
      .all(edited.id, version) as { year: number; version: number }[];
    return { id: edited.id, name: edited.name, region: edited.region, version, baseVersion: base.version, changes, pinnedYears };
  })();
}
