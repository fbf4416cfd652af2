/**
 * Region facts and coverage lists, and the coverage they give at a date. A fact (行政村数 of a
 * 镇街, the 新型农业经营主体 roster count) is entered as of a date with its source; a correction
 * is a new entry, the old one stays. A village (entity) is recorded as covered by a bank (or by
 * the analyst, with no bank) from a date; the numerator counts each village once, however many
 * banks cover it. Every change is audited.
 */
import type { DB } from '../db/database';
import type { CoverageKind, CoverageRecord, CoverageStatus, CoverageUnitStatus, RegionFact } from '../../api/coverage-types';
import { fail, failure, type Location } from '../../domain/result';
import { nowIso } from '../../domain/clock';
import { formatDate, parseIsoDate } from '../../domain/quarter';
import { audit } from '../db/audit';
import { localUser } from '../settings/localUser';
import { resolveInstitution } from '../registry/institutions';

export const COVERAGE_KINDS: Record<CoverageKind, { label: string; fact: string; item: string; rate: string }> = {
  villages: { label: '行政村', fact: '行政村数', item: '行政村', rate: '普惠金融服务行政村覆盖率（按村计）' },
  nae: { label: '新型农业经营主体', fact: '新型农业经营主体名录数', item: '新型农业经营主体', rate: '新型农业经营主体信用建档评级覆盖率（按主体计）' },
};

export function isCoverageKind(k: string): k is CoverageKind {
  return k in COVERAGE_KINDS;
}

function kindOrFail(k: string, where?: Location): CoverageKind {
  if (!isCoverageKind(k)) throw failure('E_COVERAGE_KIND', { kind: k }, where);
  return k;
}

export function dateOrFail(text: string, what: string, where?: Location): string {
  const d = parseIsoDate(text);
  if (!d) fail('E_DATE_INVALID', { what, date: text, example: '2022-12-31' }, where);
  return formatDate(d);
}

function regionName(db: DB, region: string): string {
  const r = db.prepare('SELECT name FROM regions WHERE code = ?').get(region) as { name: string } | undefined;
  if (!r) fail('E_REGION_UNKNOWN', { region });
  return r.name;
}

/** A 镇街 (county) of the region by code or name; '' (or 全区/全市) for the whole region. */
export function unitOf(db: DB, region: string, text: string | undefined, where?: Location): { code: string; name: string } {
  const t = (text ?? '').trim().normalize('NFKC');
  if (t === '' || t === '全区' || t === '全市' || t === '合计') return { code: '', name: regionName(db, region) };
  const rows = db.prepare('SELECT code, name FROM region_units WHERE region = ? ORDER BY sort, code').all(region) as { code: string; name: string }[];
  const hit = rows.find((u) => u.code === t.toUpperCase() || u.name === t || u.name.replace(/(街道|镇|乡|县|区|市)$/u, '') === t.replace(/(街道|镇|乡|县|区|市)$/u, ''));
  if (!hit) throw failure('E_UNIT_NOT_IN_REGION', { unit: t, region: regionName(db, region), choices: rows.length ? `镇街（县区），可选：${rows.map((u) => u.name).join('、')}` : '下级单位' }, where);
  return hit;
}

/** The key a village (entity) is counted once by: its code when given, else its name without spaces and the 村委会 suffix. */
export function itemKey(kind: CoverageKind, name: string, code: string | null): string {
  if (code && code.trim()) return `code:${code.trim().normalize('NFKC').toUpperCase()}`;
  let n = name.normalize('NFKC').replace(/\s+/g, '');
  if (kind === 'villages') n = n.replace(/(村民委员会|村委会)$/u, '村');
  return `name:${n}`;
}

interface FactRow {
  id: number;
  region: string;
  unit: string;
  fact: CoverageKind;
  value: number;
  as_of: string;
  source: string;
  entered_by: string;
  entered_at: string;
}

function toFact(db: DB, r: FactRow): RegionFact {
  return { id: r.id, region: r.region, unit: r.unit, unitName: r.unit ? unitOf(db, r.region, r.unit).name : regionName(db, r.region), fact: r.fact, value: r.value, asOf: r.as_of, source: r.source, enteredBy: r.entered_by, enteredAt: r.entered_at };
}

export function setRegionFact(db: DB, a: { region: string; unit?: string; fact: string; value: number; asOf: string; source: string }, where?: Location): RegionFact {
  const kind = kindOrFail(a.fact, where);
  const unit = unitOf(db, a.region, a.unit, where);
  if (!Number.isInteger(a.value) || a.value < 0) throw failure('E_FACT_VALUE', { unit: unit.name, fact: COVERAGE_KINDS[kind].fact, value: a.value }, where);
  const asOf = dateOrFail(a.asOf, '截至日期', where);
  const source = a.source.trim();
  if (!source) throw failure('E_FACT_SOURCE', { unit: unit.name, fact: COVERAGE_KINDS[kind].fact }, where);
  const actor = localUser(db);
  return db.transaction(() => {
    const id = Number(
      db
        .prepare('INSERT INTO region_facts (region, unit, fact, value, as_of, source, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(a.region, unit.code, kind, a.value, asOf, source, actor, nowIso()).lastInsertRowid,
    );
    audit(db, actor, 'coverage.fact', 'region_fact', id, { region: a.region, unit: unit.code || null, fact: kind, value: a.value, asOf, source });
    return toFact(db, db.prepare('SELECT * FROM region_facts WHERE id = ?').get(id) as FactRow);
  })();
}

export function listRegionFacts(db: DB, region: string): RegionFact[] {
  regionName(db, region);
  const rows = db.prepare('SELECT * FROM region_facts WHERE region = ? ORDER BY fact, unit, as_of DESC, id DESC').all(region) as FactRow[];
  return rows.map((r) => toFact(db, r));
}

/** The fact in force at a date: the newest as of that date, else (a count entered later) the earliest after it. */
function factAt(rows: FactRow[], date: string): FactRow | null {
  const before = rows.filter((r) => r.as_of <= date).sort((a, b) => b.as_of.localeCompare(a.as_of) || b.id - a.id)[0];
  if (before) return before;
  return rows.filter((r) => r.as_of > date).sort((a, b) => a.as_of.localeCompare(b.as_of) || b.id - a.id)[0] ?? null;
}

interface RecordRow {
  id: number;
  region: string;
  kind: CoverageKind;
  unit: string;
  item: string;
  name: string;
  code: string | null;
  institution: string | null;
  as_of: string;
  source: string;
  entered_by: string;
  entered_at: string;
}

function toRecord(db: DB, r: RecordRow): CoverageRecord {
  const inst = r.institution ? (db.prepare('SELECT name FROM institutions WHERE code = ?').get(r.institution) as { name: string } | undefined) : undefined;
  return {
    id: r.id,
    region: r.region,
    kind: r.kind,
    unit: r.unit,
    unitName: r.unit ? unitOf(db, r.region, r.unit).name : '',
    name: r.name,
    code: r.code,
    institution: r.institution,
    institutionName: inst?.name ?? null,
    asOf: r.as_of,
    source: r.source,
    enteredBy: r.entered_by,
    enteredAt: r.entered_at,
  };
}

export interface AddCoverageArgs {
  region: string;
  kind: string;
  unit?: string;
  name: string;
  code?: string;
  /** Code or any alias of the bank; omitted when the analyst records the coverage without one. */
  institution?: string;
  asOf: string;
  source: string;
}

/** Checks one record without writing it (the import checks a whole sheet before it writes any). */
export function checkCoverage(db: DB, a: AddCoverageArgs, where?: Location): Omit<RecordRow, 'id' | 'entered_by' | 'entered_at'> {
  const kind = kindOrFail(a.kind, where);
  const unit = unitOf(db, a.region, a.unit, where);
  if (kind === 'villages' && !unit.code) throw failure('E_COVERAGE_UNIT', {}, where);
  const name = a.name.trim();
  if (!name) throw failure('E_COVERAGE_NAME', { item: COVERAGE_KINDS[kind].item }, where);
  let institution: string | null = null;
  if (a.institution && a.institution.trim()) {
    const inst = resolveInstitution(db, a.institution);
    if (!inst) fail('E_INSTITUTION_UNKNOWN', { institution: a.institution }, where);
    if (inst.region !== a.region) fail('E_INST_NOT_IN_REGION', { name: inst.name, region: regionName(db, a.region) }, where);
    institution = inst.code;
  }
  const asOf = dateOrFail(a.asOf, '覆盖日期', where);
  const source = a.source.trim();
  if (!source) throw failure('E_COVERAGE_SOURCE', {}, where);
  const code = a.code?.trim() || null;
  return { region: a.region, kind, unit: unit.code, item: itemKey(kind, name, code), name, code, institution, as_of: asOf, source };
}

/** Stores checked records in one transaction; a record already there (same item, same bank) is kept, not doubled. */
export function storeCoverage(db: DB, rows: Omit<RecordRow, 'id' | 'entered_by' | 'entered_at'>[], how: string): { added: CoverageRecord[]; kept: number } {
  const actor = localUser(db);
  const at = nowIso();
  return db.transaction(() => {
    const added: CoverageRecord[] = [];
    let kept = 0;
    for (const r of rows) {
      const same = db
        .prepare(`SELECT id FROM coverage WHERE region = ? AND kind = ? AND unit = ? AND item = ? AND IFNULL(institution, '') = IFNULL(?, '') AND removed_at IS NULL`)
        .get(r.region, r.kind, r.unit, r.item, r.institution) as { id: number } | undefined;
      if (same) {
        kept++;
        continue;
      }
      const id = Number(
        db
          .prepare('INSERT INTO coverage (region, kind, unit, item, name, code, institution, as_of, source, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(r.region, r.kind, r.unit, r.item, r.name, r.code, r.institution, r.as_of, r.source, actor, at).lastInsertRowid,
      );
      added.push(toRecord(db, db.prepare('SELECT * FROM coverage WHERE id = ?').get(id) as RecordRow));
    }
    audit(db, actor, 'coverage.add', 'coverage', null, { how, added: added.map((x) => x.id), kept });
    return { added, kept };
  })();
}

export function addCoverage(db: DB, a: AddCoverageArgs): CoverageRecord {
  const { added } = storeCoverage(db, [checkCoverage(db, a)], '分析人员录入');
  const r = added[0];
  if (!r) throw failure('E_COVERAGE_DUPLICATE', { name: a.name, who: a.institution ? '该机构' : '分析人员' });
  return r;
}

export function removeCoverage(db: DB, id: number): void {
  const row = db.prepare('SELECT id, name FROM coverage WHERE id = ? AND removed_at IS NULL').get(id) as { id: number; name: string } | undefined;
  if (!row) throw failure('E_COVERAGE_UNKNOWN', {});
  const actor = localUser(db);
  db.transaction(() => {
    db.prepare('UPDATE coverage SET removed_at = ?, removed_by = ? WHERE id = ?').run(nowIso(), actor, id);
    audit(db, actor, 'coverage.remove', 'coverage', id, { name: row.name });
  })();
}

export function listCoverage(db: DB, region: string, kind: string, unit?: string): CoverageRecord[] {
  const k = kindOrFail(kind);
  const u = unit ? unitOf(db, region, unit).code : null;
  const rows = db
    .prepare(`SELECT * FROM coverage WHERE region = ? AND kind = ? AND removed_at IS NULL ${u !== null ? 'AND unit = ?' : ''} ORDER BY unit, item, as_of`)
    .all(region, k, ...(u !== null ? [u] : [])) as RecordRow[];
  return rows.map((r) => toRecord(db, r));
}

/**
 * Coverage at a date: per 镇街 the fact in force and the distinct villages (entities) covered;
 * for the region, the 镇街' facts added up (or the region's own fact, e.g. the 名录 of 区农业农村委)
 * and the distinct items. Each village counts once however many banks cover it.
 */
export function coverageStatus(db: DB, region: string, kind: string, date: string): CoverageStatus {
  const k = kindOrFail(kind);
  const at = dateOrFail(date, '日期');
  const name = regionName(db, region);
  const units = db.prepare('SELECT code, name FROM region_units WHERE region = ? ORDER BY sort, code').all(region) as { code: string; name: string }[];
  const facts = db.prepare('SELECT * FROM region_facts WHERE region = ? AND fact = ?').all(region, k) as FactRow[];
  const records = db.prepare('SELECT * FROM coverage WHERE region = ? AND kind = ? AND removed_at IS NULL AND as_of <= ?').all(region, k, at) as RecordRow[];
  const itemsOf = (unit: string | null): Set<string> => new Set(records.filter((r) => unit === null || r.unit === unit).map((r) => `${r.unit}|${r.item}`));
  const perUnit: CoverageUnitStatus[] = units.map((u) => {
    const f = factAt(facts.filter((x) => x.unit === u.code), at);
    const covered = itemsOf(u.code).size;
    return {
      unit: u.code,
      unitName: u.name,
      total: f?.value ?? null,
      totalAsOf: f?.as_of ?? null,
      totalSource: f?.source ?? null,
      covered,
      records: records.filter((r) => r.unit === u.code).length,
      rate: f && f.value > 0 ? covered / f.value : null,
      exceeds: f !== null && covered > f.value,
    };
  });
  const own = factAt(facts.filter((x) => x.unit === ''), at);
  const missing = perUnit.filter((u) => u.total === null).map((u) => u.unitName);
  // Entities are counted once across the region (an entity may be rated by banks of several 镇街).
  const covered = k === 'nae' ? new Set(records.map((r) => r.item)).size : itemsOf(null).size;
  let total: number | null;
  let totalWords: string;
  if (own && (k === 'nae' || missing.length > 0)) {
    total = own.value;
    totalWords = `全区${COVERAGE_KINDS[k].fact} ${own.value}（截至 ${own.as_of}，${own.source}）`;
  } else if (missing.length === 0 && perUnit.length > 0) {
    total = perUnit.reduce((a, u) => a + (u.total ?? 0), 0);
    totalWords = `各镇街${COVERAGE_KINDS[k].fact}合计 ${total}`;
  } else {
    total = null;
    totalWords = missing.length === perUnit.length ? `尚未录入${COVERAGE_KINDS[k].fact}` : `${missing.join('、')}尚未录入${COVERAGE_KINDS[k].fact}，无法合计`;
  }
  return {
    region,
    regionName: name,
    kind: k,
    label: COVERAGE_KINDS[k].rate,
    date: at,
    units: k === 'nae' && perUnit.every((u) => u.total === null) ? [] : perUnit,
    total,
    totalWords,
    covered,
    records: records.length,
    rate: total !== null && total > 0 ? covered / total : null,
    missing: k === 'nae' && own ? [] : missing,
    definition: `覆盖率 = 已覆盖的${COVERAGE_KINDS[k].item}数 ÷ ${COVERAGE_KINDS[k].fact}；分子按${COVERAGE_KINDS[k].item}计数，多家机构覆盖同一${COVERAGE_KINDS[k].item}只计一次；分母为分析人员录入的${COVERAGE_KINDS[k].fact}（注明截至日期和来源），不用各行自报的服务区域数。`,
  };
}
