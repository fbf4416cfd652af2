/** The institution registry: stable codes, names, aliases, type, region. */
import type { DB } from '../db/database';
import { INSTITUTION_TYPES, type Institution, type InstitutionType } from '../../domain/catalogue/types';
import { fail, failure } from '../../domain/result';
import { audit } from '../db/audit';
import { statement } from '../db/statements';
import { nowIso } from '../../domain/clock';
import { localUser } from '../settings/localUser';

interface Row {
  code: string;
  name: string;
  type: string;
  region: string;
  county: string | null;
  legal_person: number;
  size: string;
  sample: number;
  example: number;
  active: number;
  aliases: string | null;
}

function toInstitution(r: Row): Institution {
  return {
    code: r.code,
    name: r.name,
    aliases: r.aliases ? r.aliases.split('\u0001') : [],
    type: r.type as InstitutionType,
    region: r.region,
    county: r.county,
    legalPerson: r.legal_person === 1,
    size: r.size as Institution['size'],
    sample: r.sample === 1,
    example: r.example === 1,
    active: r.active === 1,
  };
}

const SELECT = `SELECT i.*, (SELECT group_concat(alias, char(1)) FROM (SELECT alias FROM institution_aliases a WHERE a.institution = i.code ORDER BY alias)) AS aliases FROM institutions i`;

export function listInstitutions(db: DB, opts: { region?: string; includeInactive?: boolean } = {}): Institution[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.region) {
    where.push('i.region = ?');
    params.push(opts.region);
  }
  if (!opts.includeInactive) where.push('i.active = 1');
  const sql = `${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY i.region, i.code`;
  return (db.prepare(sql).all(...params) as Row[]).map(toInstitution);
}

export function getInstitution(db: DB, code: string): Institution | null {
  const r = statement(db, `${SELECT} WHERE i.code = ?`).get(code) as Row | undefined;
  return r ? toInstitution(r) : null;
}

/** Normalises a bank name as clerks write it: full-width, spaces, 中国 prefix. */
export function normaliseName(s: string): string {
  return s.normalize('NFKC').replace(/[\s　]+/g, '').replace(/[（(].*?[）)]$/u, '');
}

/** Finds an institution by code, full name or any alias. */
export function resolveInstitution(db: DB, text: string): Institution | null {
  const t = text.trim();
  if (!t) return null;
  const byCode = getInstitution(db, t.toUpperCase());
  if (byCode) return byCode;
  // The full name or an alias exactly as registered (the template's drop-down): one indexed lookup.
  const exact = statement(db, 'SELECT code FROM institutions WHERE name = ? UNION ALL SELECT institution FROM institution_aliases WHERE alias = ? LIMIT 1').get(t, t) as
    | { code: string }
    | undefined;
  if (exact) return getInstitution(db, exact.code);
  const n = normaliseName(t);
  const all = listInstitutions(db, { includeInactive: true });
  return (
    all.find((i) => normaliseName(i.name) === n || i.aliases.some((a) => normaliseName(a) === n)) ??
    all.find((i) => normaliseName(i.name) === n.replace(/^中国/u, '') || normaliseName(i.name).replace(/^中国/u, '') === n) ??
    null
  );
}

export function saveInstitution(db: DB, inst: Institution, actor = localUser(db)): Institution {
  return db.transaction(() => {
    const before = writeInstitution(db, inst);
    audit(db, actor, before ? 'institution.update' : 'institution.create', 'institution', inst.code, { before, after: inst });
    return savedInstitution(db, inst.code);
  })();
}

function savedInstitution(db: DB, code: string): Institution {
  const saved = getInstitution(db, code);
  if (!saved) fail('E_INTERNAL', {});
  return saved;
}

/** Checks and writes one registry entry with its aliases (inside the caller's transaction); returns what was stored before. */
function writeInstitution(db: DB, inst: Institution): Institution | null {
  if (!/^[A-Z0-9][A-Z0-9-]{1,31}$/.test(inst.code)) fail('E_INST_CODE', { code: inst.code });
  if (!inst.name.trim()) fail('E_INST_NAME', {});
  if (!(INSTITUTION_TYPES as readonly string[]).includes(inst.type)) fail('E_INST_TYPE', { type: inst.type, known: INSTITUTION_TYPES.join('、') });
  const region = db.prepare('SELECT code FROM regions WHERE code = ?').get(inst.region);
  if (!region) fail('E_INST_REGION', { region: inst.region });
  if (inst.county) {
    const unit = db.prepare('SELECT region FROM region_units WHERE code = ?').get(inst.county) as { region: string } | undefined;
    if (!unit || unit.region !== inst.region) fail('E_INST_COUNTY', { county: inst.county });
  }
  const now = nowIso();
  const before = getInstitution(db, inst.code);
  const clash = db.prepare('SELECT code FROM institutions WHERE name = ? AND code <> ?').get(inst.name, inst.code) as { code: string } | undefined;
  if (clash) fail('E_INST_DUPLICATE', { name: inst.name, code: clash.code });
  if (before) {
    // An edit keeps the example mark as it is: only 转为正式机构 (makeInstitutionReal) lifts it.
    db.prepare(
      'UPDATE institutions SET name = ?, type = ?, region = ?, county = ?, legal_person = ?, size = ?, sample = ?, active = ?, updated_at = ? WHERE code = ?',
    ).run(inst.name, inst.type, inst.region, inst.county, inst.legalPerson ? 1 : 0, inst.size, inst.sample ? 1 : 0, inst.active ? 1 : 0, now, inst.code);
  } else {
    db.prepare(
      'INSERT INTO institutions (code, name, type, region, county, legal_person, size, sample, example, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(inst.code, inst.name, inst.type, inst.region, inst.county, inst.legalPerson ? 1 : 0, inst.size, inst.sample ? 1 : 0, inst.example ? 1 : 0, inst.active ? 1 : 0, now, now);
  }
  db.prepare('DELETE FROM institution_aliases WHERE institution = ?').run(inst.code);
  for (const a of new Set(inst.aliases.map((x) => x.trim()).filter(Boolean))) {
    const owner = db.prepare('SELECT institution FROM institution_aliases WHERE alias = ?').get(a) as { institution: string } | undefined;
    if (owner) fail('E_INST_ALIAS', { alias: a, institution: owner.institution });
    db.prepare('INSERT INTO institution_aliases (alias, institution) VALUES (?, ?)').run(a, inst.code);
  }
  return before;
}

/**
 * 转为正式机构: a fictional bank (示例机构) becomes the real one the analyst names — its real
 * full name, code and attributes. From then on it is 应报 and ranked like any other bank.
 * Under a new code every record of it (reports, scores, coverage, refused files, notices)
 * moves to that code: the tables that reference the registry are read from the schema's
 * foreign keys, so a table added later moves too. Audited with who did it and what it held.
 */
export function makeInstitutionReal(db: DB, code: string, real: Institution, actor = localUser(db)): Institution {
  const before = getInstitution(db, code);
  if (!before) throw failure('E_INST_UNKNOWN', { institution: code });
  if (!before.example) throw failure('E_INST_NOT_EXAMPLE', { name: before.name });
  const name = real.name.trim();
  if (name === before.name) throw failure('E_INST_EXAMPLE_NAME', { name: before.name });
  const next: Institution = { ...real, code: real.code.trim().toUpperCase(), name, example: false, active: true };
  return db.transaction(() => {
    const reports = (db.prepare(`SELECT COUNT(*) AS n FROM submissions WHERE institution = ? AND status <> 'rolled_back'`).get(code) as { n: number }).n;
    if (next.code !== code) {
      const taken = getInstitution(db, next.code);
      if (taken) throw failure('E_INST_CODE_TAKEN', { code: next.code, name: taken.name });
      // The example's aliases would otherwise belong to two entries while both exist.
      db.prepare('DELETE FROM institution_aliases WHERE institution = ?').run(code);
      writeInstitution(db, next);
      for (const t of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'institution_aliases'`).all() as { name: string }[]) {
        const refs = (db.prepare(`SELECT "from" AS col FROM pragma_foreign_key_list(?) WHERE "table" = 'institutions'`).all(t.name) as { col: string }[]).map((r) => r.col);
        for (const col of refs) db.prepare(`UPDATE "${t.name}" SET "${col}" = ? WHERE "${col}" = ?`).run(next.code, code);
      }
      db.prepare('DELETE FROM institutions WHERE code = ?').run(code);
    } else {
      writeInstitution(db, next);
    }
    db.prepare('UPDATE institutions SET example = 0 WHERE code = ?').run(next.code);
    const after = savedInstitution(db, next.code);
    audit(db, actor, 'institution.make_real', 'institution', next.code, { before, after, reports });
    return after;
  })();
}
