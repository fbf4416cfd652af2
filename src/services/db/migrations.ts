/**
 * Versioned schema. Each migration runs once, in order, inside one transaction,
 * and bumps PRAGMA user_version. Never edit a released migration: add one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial store',
    sql: `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  province TEXT NOT NULL,
  supervisor TEXT NOT NULL,
  unit_kind TEXT NOT NULL CHECK (unit_kind IN ('county', 'town')),
  unit_label TEXT NOT NULL
);

CREATE TABLE region_units (
  code TEXT PRIMARY KEY,
  region TEXT NOT NULL REFERENCES regions(code),
  name TEXT NOT NULL,
  class TEXT,
  leading_industry TEXT,
  leading_chain TEXT,
  sort INTEGER NOT NULL DEFAULT 0,
  UNIQUE (region, name)
);

CREATE TABLE institutions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  region TEXT NOT NULL REFERENCES regions(code),
  county TEXT REFERENCES region_units(code),
  legal_person INTEGER NOT NULL DEFAULT 0,
  size TEXT NOT NULL DEFAULT '中型',
  sample INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE institution_aliases (
  alias TEXT PRIMARY KEY,
  institution TEXT NOT NULL REFERENCES institutions(code) ON DELETE CASCADE
);

CREATE TABLE chains (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  region TEXT NOT NULL REFERENCES regions(code),
  source TEXT,
  sort INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  UNIQUE (region, name)
);

-- Every template version ever shipped stays here, so old files stay importable.
CREATE TABLE catalogues (
  template_version TEXT PRIMARY KEY,
  json TEXT NOT NULL,
  loaded_at TEXT NOT NULL
);

CREATE TABLE fields (
  template_version TEXT NOT NULL REFERENCES catalogues(template_version),
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  section TEXT NOT NULL,
  unit TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('amount', 'count', 'rate', 'text', 'date')),
  dimension TEXT,
  constraints_json TEXT NOT NULL,
  sort INTEGER NOT NULL,
  PRIMARY KEY (template_version, key)
);

CREATE TABLE periods (
  quarter TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  q INTEGER NOT NULL CHECK (q BETWEEN 1 AND 4),
  end_date TEXT NOT NULL,
  deadline TEXT NOT NULL
);

CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  note TEXT,
  file_count INTEGER NOT NULL DEFAULT 0,
  accepted INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'committed' CHECK (status IN ('committed', 'rolled_back')),
  rolled_back_at TEXT
);

CREATE TABLE submissions (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id),
  institution TEXT NOT NULL REFERENCES institutions(code),
  quarter TEXT NOT NULL REFERENCES periods(quarter),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  format TEXT NOT NULL,
  template_version TEXT NOT NULL,
  received_at TEXT NOT NULL,
  received_date TEXT NOT NULL,
  received_source TEXT NOT NULL CHECK (received_source IN ('import', 'analyst')),
  importer_version TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('current', 'superseded', 'rolled_back')),
  superseded_by INTEGER REFERENCES submissions(id),
  version INTEGER NOT NULL,
  late INTEGER NOT NULL DEFAULT 0,
  warning_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX submissions_by_period ON submissions (quarter, institution, status);
CREATE INDEX submissions_by_batch ON submissions (batch_id);
CREATE UNIQUE INDEX one_current_submission ON submissions (institution, quarter) WHERE status = 'current';

-- num: integer, amounts in 1/1,000,000 万元, rates as fraction × 1,000,000, counts as is.
CREATE TABLE submission_values (
  submission_id INTEGER NOT NULL REFERENCES submissions(id),
  field_key TEXT NOT NULL,
  member TEXT NOT NULL DEFAULT '',
  num INTEGER,
  text TEXT,
  raw TEXT,
  note TEXT,
  sheet TEXT NOT NULL,
  cell TEXT NOT NULL,
  defined_name TEXT NOT NULL,
  PRIMARY KEY (submission_id, field_key, member)
) WITHOUT ROWID;
CREATE INDEX values_by_field ON submission_values (field_key, member);

CREATE TABLE submission_issues (
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submissions(id),
  severity TEXT NOT NULL CHECK (severity IN ('warning', 'info')),
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  sheet TEXT,
  cell TEXT
);
CREATE INDEX issues_by_submission ON submission_issues (submission_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  detail_json TEXT NOT NULL DEFAULT '{}'
);

CREATE VIEW current_values AS
SELECT s.institution, s.quarter, v.field_key, v.member, v.num, v.text, v.sheet, v.cell, v.defined_name, v.submission_id
FROM submission_values v JOIN submissions s ON s.id = v.submission_id
WHERE s.status = 'current';
`,
  },
  {
    version: 2,
    name: 'assessment schemes, results, qualitative scores, county targets, analyst targets',
    sql: `
-- Every version of every scheme stays: a past year is re-scored with the version it was computed with.
CREATE TABLE assessment_schemes (
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  region TEXT NOT NULL REFERENCES regions(code),
  name TEXT NOT NULL,
  json TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  source TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (id, version)
);

-- The scheme version a region-year was scored with, and the last result computed.
CREATE TABLE assessment_results (
  region TEXT NOT NULL REFERENCES regions(code),
  year INTEGER NOT NULL,
  scheme_id TEXT NOT NULL,
  scheme_version INTEGER NOT NULL,
  computed_at TEXT NOT NULL,
  result_json TEXT NOT NULL,
  PRIMARY KEY (region, year),
  FOREIGN KEY (scheme_id, scheme_version) REFERENCES assessment_schemes(id, version)
);

CREATE TABLE qualitative_scores (
  institution TEXT NOT NULL REFERENCES institutions(code),
  year INTEGER NOT NULL,
  item TEXT NOT NULL,
  score REAL NOT NULL,
  reason TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  PRIMARY KEY (institution, year, item)
);

-- 金融兴产强县 targets per county and year; amounts ×1,000,000 (万元) like reported values.
CREATE TABLE county_targets (
  county TEXT NOT NULL REFERENCES region_units(code),
  year INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  annual_target INTEGER,
  three_year_target INTEGER,
  three_year_from INTEGER,
  three_year_to INTEGER,
  source TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  PRIMARY KEY (county, year)
);

-- Targets analysts add beside the ones written in the seeds (resources/targets).
CREATE TABLE analyst_targets (
  id TEXT PRIMARY KEY,
  json TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);
`,
  },
  {
    version: 3,
    name: 'submissions by content hash',
    // The importer asks, for every file, whether the same bytes are already a current submission.
    sql: `CREATE INDEX submissions_by_sha ON submissions (sha256, status);`,
  },
  {
    version: 4,
    name: 'values without the by-field index',
    // Every reader of values goes through submissions (current_values, loadValues) and so
    // seeks the primary key (submission_id, field_key, member). The by-field index served
    // no query, yet each imported file's ~120 values landed on as many scattered index
    // pages: dropping it takes ~0.4 s off importing five years of reports (1x bench).
    sql: `DROP INDEX IF EXISTS values_by_field;`,
  },
  {
    version: 5,
    name: 'decisions on warnings, held files',
    // A warning that needs the analyst ('confirm' or 'explain') is stored with what was
    // decided, by whom and when; a batch counts the files it held back for a decision.
    sql: `
ALTER TABLE submission_issues ADD COLUMN ack TEXT CHECK (ack IN ('confirm', 'explain'));
ALTER TABLE submission_issues ADD COLUMN rule TEXT;
ALTER TABLE submission_issues ADD COLUMN decision TEXT;
ALTER TABLE submission_issues ADD COLUMN decided_by TEXT;
ALTER TABLE submission_issues ADD COLUMN decided_at TEXT;
ALTER TABLE import_batches ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
`,
  },
  {
    version: 6,
    name: 'application id',
    // Marks the file as this program's database (database.ts APPLICATION_ID, "RFM1"), so a
    // SQLite file of another program is recognised and refused before anything touches it.
    sql: `PRAGMA application_id = 1380338993;`,
  },
  {
    version: 7,
    name: 'county class and industry sources, units in the 金融兴产强县 action',
    // Each county row says where its class and 首位产业 come from; 汉滨区 (the central district)
    // is outside the nine 县（市） of the action. The shipped corrections are applied by the seed step.
    sql: `
ALTER TABLE region_units ADD COLUMN class_source TEXT;
ALTER TABLE region_units ADD COLUMN industry_source TEXT;
ALTER TABLE region_units ADD COLUMN county_action INTEGER NOT NULL DEFAULT 1 CHECK (county_action IN (0, 1));
`,
  },
  {
    version: 8,
    name: 'deadlines by the working calendar, analyst deadlines, 补录 submissions, how the arrival date was known',
    // periods.deadline becomes the first working day on or after quarter end + 5 (the
    // services recompute it from resources/calendar and calendar_days on every open),
    // unless the analyst set it by hand (deadline_source 'analyst', with the reason).
    // calendar_days holds the analyst's corrections to the shipped holiday calendar.
    // A 补录 (backfill) submission is history loaded later: neither on time nor late.
    sql: `
ALTER TABLE periods ADD COLUMN deadline_source TEXT NOT NULL DEFAULT 'calendar' CHECK (deadline_source IN ('calendar', 'analyst'));
ALTER TABLE periods ADD COLUMN deadline_reason TEXT;
ALTER TABLE periods ADD COLUMN deadline_set_by TEXT;
ALTER TABLE periods ADD COLUMN deadline_set_at TEXT;

CREATE TABLE calendar_days (
  date TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name TEXT NOT NULL,
  reason TEXT NOT NULL,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL
);

ALTER TABLE submissions ADD COLUMN kind TEXT NOT NULL DEFAULT 'regular' CHECK (kind IN ('regular', 'backfill'));
ALTER TABLE submissions ADD COLUMN received_basis TEXT CHECK (received_basis IN ('today', 'batch', 'file', 'mtime'));
`,
  },
  {
    version: 9,
    name: 'the measures ledger (任务台账): status, notes and attachments per measure and year',
    // unit is '' for the measure as a whole, or a 镇街 code for measures that name 各镇街.
    // An attachment taken off the list is marked removed (who, when), never deleted.
    sql: `
CREATE TABLE ledger_entries (
  measure TEXT NOT NULL,
  year INTEGER NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('未启动', '推进中', '已完成', '不适用')),
  notes TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (measure, year, unit)
);
CREATE TABLE ledger_attachments (
  id INTEGER PRIMARY KEY,
  measure TEXT NOT NULL,
  year INTEGER NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  note TEXT,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  removed_by TEXT,
  removed_at TEXT
);
CREATE INDEX ledger_attachments_by_measure ON ledger_attachments (measure, year);
`,
  },
  {
    version: 10,
    name: 'region facts and coverage lists',
    // Facts an analyst enters as denominators (行政村 per 镇街, the 新型农业经营主体 roster): each
    // entry as of a date with its source; a correction is a new row. Coverage: one row per village
    // (entity) and bank (institution NULL = recorded by the analyst); a withdrawal is marked, not deleted.
    sql: `
CREATE TABLE region_facts (
  id INTEGER PRIMARY KEY,
  region TEXT NOT NULL REFERENCES regions(code),
  unit TEXT NOT NULL DEFAULT '',
  fact TEXT NOT NULL CHECK (fact IN ('villages', 'nae')),
  value INTEGER NOT NULL CHECK (value >= 0),
  as_of TEXT NOT NULL,
  source TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL
);
CREATE INDEX region_facts_by_region ON region_facts (region, fact, unit);
CREATE TABLE coverage (
  id INTEGER PRIMARY KEY,
  region TEXT NOT NULL REFERENCES regions(code),
  kind TEXT NOT NULL CHECK (kind IN ('villages', 'nae')),
  unit TEXT NOT NULL DEFAULT '',
  item TEXT NOT NULL,
  name TEXT NOT NULL,
  code TEXT,
  institution TEXT REFERENCES institutions(code),
  as_of TEXT NOT NULL,
  source TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  removed_by TEXT,
  removed_at TEXT
);
CREATE INDEX coverage_by_region ON coverage (region, kind, unit, item);
`,
  },
  {
    version: 11,
    name: 'history imports (历史数据补录): origin of a submission, carried values, remembered wide layouts, target prior figures',
    // A 补录 submission made from an analyst's own summary sheet (origin 'history') holds
    // some fields of an institution's quarter; a real report for that quarter replaces it
    // and always wins. A later history file for the same quarter makes a new version that
    // carries the earlier history values over: each carried value keeps the file it came
    // from (submission_values.file_name; NULL = the submission's own file).
    // history_layouts: the column mapping an analyst confirmed for a wide sheet, keyed by
    // the fingerprint of its header cells. target_priors: a prior figure (with its source)
    // a target uses where the reports hold no detail.
    sql: `
ALTER TABLE submissions ADD COLUMN origin TEXT NOT NULL DEFAULT 'report' CHECK (origin IN ('report', 'history'));
ALTER TABLE submission_values ADD COLUMN file_name TEXT;
CREATE TABLE history_layouts (
  fingerprint TEXT PRIMARY KEY,
  mapping_json TEXT NOT NULL,
  example TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  used_at TEXT
);
CREATE TABLE target_priors (
  target TEXT PRIMARY KEY,
  period TEXT NOT NULL,
  amount INTEGER NOT NULL,
  source TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL
);
`,
  },
  {
    version: 12,
    name: 'full-text index of the banks\' texts (工作开展情况, 存在问题, 政策建议, 典型案例)',
    // FTS5 with the trigram tokenizer finds Chinese substrings of three characters and more
    // (no word segmentation needed); shorter queries fall back to LIKE (services/texts).
    // Every stored text value is indexed as it is written (values are never updated or
    // deleted: a 重报 is a new submission), so the index follows the store with no code in
    // the import; which fields are the 文字材料 and which submission is current is decided at
    // query time from the catalogue and the submissions table.
    sql: `
CREATE VIRTUAL TABLE report_text_index USING fts5(body, submission_id UNINDEXED, field_key UNINDEXED, tokenize = 'trigram');
INSERT INTO report_text_index (body, submission_id, field_key)
  SELECT text, submission_id, field_key FROM submission_values WHERE text IS NOT NULL AND text <> '';
CREATE TRIGGER report_text_indexed AFTER INSERT ON submission_values
  WHEN NEW.text IS NOT NULL AND NEW.text <> ''
BEGIN
  INSERT INTO report_text_index (body, submission_id, field_key) VALUES (NEW.text, NEW.submission_id, NEW.field_key);
END;
`,
  },
  {
    version: 13,
    name: 'rejected files kept for their 退回通知, and the notices sent (退回重报)',
    // A refused file leaves what a 退回通知 must quote: its name, arrival date, SHA-256, the
    // bank and quarter when they could be read, and every problem with its cell, what was
    // typed there and what the form expects. A notice keeps its number (文号), date, the
    // 重报 deadline and the problems it listed, so 报送情况 can show 已退回 / 已重报.
    sql: `
CREATE TABLE rejected_files (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id),
  file_name TEXT NOT NULL,
  sha256 TEXT,
  size INTEGER,
  institution TEXT REFERENCES institutions(code),
  quarter TEXT,
  received_date TEXT,
  problems_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX rejected_files_by_report ON rejected_files (institution, quarter);

CREATE TABLE return_notices (
  id INTEGER PRIMARY KEY,
  region TEXT NOT NULL REFERENCES regions(code),
  institution TEXT NOT NULL REFERENCES institutions(code),
  quarter TEXT NOT NULL REFERENCES periods(quarter),
  rejected_file INTEGER REFERENCES rejected_files(id),
  submission_id INTEGER REFERENCES submissions(id),
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  number TEXT NOT NULL,
  issued_date TEXT NOT NULL,
  deadline TEXT NOT NULL,
  -- How the deadline was set (自通知之日起 3 个工作日…), as the notice says it.
  deadline_note TEXT NOT NULL,
  items_json TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  -- The newest submission id when the notice was made: a report stored after it is the 重报.
  after_submission INTEGER NOT NULL,
  CHECK ((rejected_file IS NULL) <> (submission_id IS NULL)),
  UNIQUE (region, year, seq)
);
CREATE INDEX return_notices_by_report ON return_notices (institution, quarter);
`,
  },
  {
    version: 14,
    name: 'the 修改说明 of a scheme version saved from the grid in 机构与设置',
    // A version edited in the window carries why it was made (required there), shown beside
    // the version wherever it can be picked; versions shipped or imported from a file have none.
    sql: `ALTER TABLE assessment_schemes ADD COLUMN note TEXT;`,
  },
  {
    version: 15,
    name: 'institutions marked as fictional examples (示例机构)',
    // A fictional bank of the sample data (resources/catalogue/institutions.json "example") is
    // listed marked 示例, is not 应报 and takes no place in any ranking until an analyst makes
    // it real in 机构与设置. Which rows are examples is data: the seed marks a database seeded
    // before this column existed from the catalogue, once (services/db/seed.ts).
    sql: `ALTER TABLE institutions ADD COLUMN example INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 16,
    name: 'LPR fixings entered by the analyst after the shipped table',
    // Each month's LPR as published, entered in 机构与设置 after the months resources/lpr/lpr.json
    // confirms, with where it was read; the months follow each other without a gap (audited).
    sql: `
CREATE TABLE lpr_fixings (
  month TEXT PRIMARY KEY,
  date TEXT NOT NULL,
  one_year REAL NOT NULL,
  five_year REAL NOT NULL,
  source TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL
);
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
