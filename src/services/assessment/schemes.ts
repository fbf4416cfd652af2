/**
 * Assessment schemes as versioned data in the database. The shipped defaults
 * (resources/schemes) are stored as version 1 on first use; each import of an
 * edited scheme with the same id becomes the next version. Old versions stay.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DB } from '../db/database';
import type { SchemeSummary } from '../../api/assessment-types';
import type { Scheme } from '../../domain/assessment/types';
import { validateScheme } from '../../domain/assessment/validate';
import { fail } from '../../domain/result';
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
      storeVersion(db, s, 'shipped', 'system');
      continue;
    }
    if (latest.source === 'shipped' && !stored.some((v) => v.sha256 === sha(JSON.stringify(s)))) storeVersion(db, s, 'shipped', 'system');
  }
}

function storeVersion(db: DB, s: Scheme, source: string, actor: string): number {
  const json = JSON.stringify(s);
  return db.transaction(() => {
    const latest = db.prepare('SELECT version, sha256 FROM assessment_schemes WHERE id = ? ORDER BY version DESC LIMIT 1').get(s.id) as
      | { version: number; sha256: string }
      | undefined;
    const digest = sha(json);
    if (latest && latest.sha256 === digest) return latest.version;
    const version = (latest?.version ?? 0) + 1;
    db.prepare('INSERT INTO assessment_schemes (id, version, region, name, json, sha256, source, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      s.id,
      version,
      s.region,
      s.name,
      json,
      digest,
      source,
      nowIso(),
      actor,
    );
    audit(db, actor, 'scheme.store', 'assessment_scheme', `${s.id}@${version}`, { source, name: s.name });
    return version;
  })();
}

/** Parses `id` or `id@version`. */
export function parseSchemeRef(ref: string): { id: string; version: number | null } {
  const m = /^([^@]+)(?:@(\d+))?$/.exec(ref.trim());
  if (!m) fail('E_SCHEME_REF', `方案编号「${ref}」格式不对，应如 ankang-default 或 ankang-default@2。`);
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
    fail('E_SCHEME_UNKNOWN', `考核方案「${id}${version === null ? '' : `@${version}`}」不存在。现有方案：${known.join('；') || '无'}。`);
  }
  return { scheme: JSON.parse(row.json) as Scheme, version: row.version, createdAt: row.created_at, source: row.source };
}

export function listSchemes(db: DB, region?: string): SchemeSummary[] {
  ensureShippedSchemes(db);
  const rows = db
    .prepare(`SELECT id, version, region, name, created_at, source FROM assessment_schemes ${region ? 'WHERE region = ?' : ''} ORDER BY region, id, version`)
    .all(...(region ? [region] : [])) as { id: string; version: number; region: string; name: string; created_at: string; source: string }[];
  const out = new Map<string, SchemeSummary>();
  for (const r of rows) {
    const prev = out.get(r.id);
    out.set(r.id, { id: r.id, name: r.name, region: r.region, version: r.version, versions: [...(prev?.versions ?? []), r.version], createdAt: r.created_at, source: r.source });
  }
  return [...out.values()];
}

/** Imports a scheme file's text: validated, then stored as the next version of its id (unchanged text keeps the version). */
export function importScheme(db: DB, text: string, file: string, actor = localUser(db)): { id: string; version: number; region: string; name: string } {
  const parsed = parseJsonText(text.replace(/^\uFEFF/, ''));
  // The parser's own message would quote the file's first bytes: only the place is told.
  if (!parsed.ok) fail('E_SCHEME_JSON', `方案文件不是有效的 JSON：${parsed.problem}。请用「导出方案…」得到的文件修改后再导入。`, { file });
  const s = parsed.value as Scheme;
  const problems = schemeProblems(s);
  if (!db.prepare('SELECT 1 FROM regions WHERE code = ?').get(s.region)) problems.push(`地区「${s.region}」不存在，应为 ankang 或 bishan。`);
  // Each problem is a sentence; joined into one, they are separated by 「；」 and the whole ends with one 「。」.
  if (problems.length) fail('E_SCHEME_INVALID', `方案有误，未导入：${problems.map((x) => x.replace(/。$/, '')).join('；')}。`, { file });
  ensureShippedSchemes(db);
  const version = storeVersion(db, s, `import:${file}`, actor);
  return { id: s.id, version, region: s.region, name: s.name };
}

export function exportScheme(db: DB, id: string, version: number | null = null): { json: string; id: string; version: number } {
  const st = getScheme(db, id, version);
  return { json: `${JSON.stringify(st.scheme, null, 2)}\n`, id: st.scheme.id, version: st.version };
}
