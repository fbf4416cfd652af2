/**
 * One argument schema per bridge method (the service table and the shell's dialogs).
 * Electron's main process checks every call against it before the services process
 * sees the call, and the browser test harness does the same, so a page that sends the
 * wrong shape fails in the tests as it would in the app.
 *
 * Adding a method to the contract (contract.ts, assessment-contract.ts, …) means adding
 * its line here: the table's type lists every BridgeMethod, and each schema must accept
 * exactly the method's argument type (Schema<T> is invariant), so `npm run typecheck`
 * fails until the line is there and right.
 */
import type { BridgeArgs, BridgeMethod } from './contract';
import { failure, type AppError } from '../domain/result';
import { INSTITUTION_TYPES } from '../domain/catalogue/types';
import { LEDGER_STATUSES } from './ledger-types';
import { GRADES } from '../domain/assessment/types';
import { boolean, empty, integer, list, literal, nullable, number, object, optional, record, tagged, text, union, type Schema, type TypeOf } from './schema';

export type ArgumentSchemas = { [M in BridgeMethod]: Schema<BridgeArgs<M>> };

const str = optional(text());
const int = optional(integer());
const num = optional(number());
const bool = optional(boolean());
const quarterArgs = { quarter: str, from: str, to: str, region: str } as const;
const institution = object({
  code: text(),
  name: text(),
  aliases: list(text()),
  type: literal(...INSTITUTION_TYPES),
  region: text(),
  county: nullable(text()),
  legalPerson: boolean(),
  size: literal('大型', '中型', '小型'),
  sample: boolean(),
  example: boolean(),
  active: boolean(),
});
const chartParams = object({ quarter: str, chain: str, region: str, institution: str });
const chartOption = { id: text(), params: chartParams, amountUnit: optional(literal('万元', '亿元', 'auto')), animation: bool } as const;
const comparison = literal('>=', '>', '<=', '<');
const targetGoal = tagged('kind', {
  value: { op: comparison, value: number() },
  lpr: { op: comparison, multiple: number(), tenor: optional(literal('oneYear', 'fiveYear')) },
  pricing: { product: text() },
  base: { op: comparison, base: literal('yearStart', 'lastYear'), tolerance: num },
  cumulative: { value: number(), fromYear: integer(), toYear: integer() },
  reports: {},
  coverage: { of: literal('villages', 'nae'), op: comparison, value: number(), words: str },
});
const coverageKind = literal('villages', 'nae');
const target = object({
  id: text(),
  source: text(),
  clause: text(),
  region: text(),
  who: text(),
  institution: str,
  scope: literal('region', 'institution', 'each'),
  indicator: str,
  member: str,
  goal: targetGoal,
  by: str,
  from: str,
  byLabel: text(),
  note: str,
});
const fileFilters = optional(list(object({ name: text(), extensions: list(text()) })));
const nullableNum = optional(nullable(number()));
const ledgerQuery = { region: str, year: integer(), quarter: str, responsible: str, status: optional(literal(...LEDGER_STATUSES)) } as const;

export const ARGUMENT_SCHEMAS = {
  'app.info': empty(),
  'db.integrity': empty(),
  'data.revision': empty(),
  'data.latestQuarter': object({ region: text() }),
  'settings.localUser': empty(),
  'settings.setLocalUser': object({ name: text() }),
  'registry.regions': empty(),
  'registry.institutions': object({ region: str, includeInactive: bool }),
  'registry.saveInstitution': object({ institution }),
  'registry.makeReal': object({ code: text(), institution }),
  'registry.saveUnit': object({
    code: text(),
    class: optional(nullable(text())),
    classSource: optional(nullable(text())),
    leadingIndustry: optional(nullable(text())),
    industrySource: optional(nullable(text())),
    leadingChain: optional(nullable(text())),
    countyAction: bool,
  }),
  'catalogue.fields': object({ region: str, templateVersion: str }),
  'catalogue.rules': object({ templateVersion: str }),

  'template.generate': object({
    institution: str,
    quarter: str,
    region: str,
    blank: bool,
    out: text(),
    format: optional(literal('xlsx', 'csv')),
    encoding: optional(literal('utf8', 'gbk')),
  }),
  'sample.generate': object({ out: text(), years: str, seed: int, scale: optional(integer()) }),
  'sample.load': object({ out: str, years: str, seed: int }),

  'import.files': object({
    paths: list(text()),
    dryRun: bool,
    receivedDate: str,
    receivedDates: optional(record(text())),
    note: str,
    maxFileBytes: optional(integer()),
    acks: optional(record(record(text()))),
    confirmAll: bool,
    mode: optional(literal('regular', 'backfill')),
    receivedFromModified: bool,
  }),
  'status.matrix': object(quarterArgs),
  'status.export': object({ ...quarterArgs, out: text() }),
  'data.dump': object({ quarter: text(), institution: str }),
  'history.list': object({ institution: text(), quarter: text() }),
  'history.restore': object({ submissionId: integer() }),
  'batch.list': object({ limit: optional(integer()) }),
  'batch.rollback': object({ batchId: integer() }),

  'backup.create': object({ reason: str }),
  'backup.list': empty(),
  'backup.setKeep': object({ keep: integer() }),
  'backup.restore': object({ file: text() }),

  'charts.list': empty(),
  'charts.option': object(chartOption),
  'charts.export': object({ ...chartOption, format: literal('png', 'svg'), out: text(), intoFolder: bool, widthCm: num, dpi: num }),
  'charts.image': object({ ...chartOption, widthCm: num, dpi: num }),
  'charts.pack': object({ quarter: text(), out: text(), region: str, widthCm: num, dpi: num, date: str, newFolder: bool }),

  'indicators.catalogue': empty(),
  'indicators.compute': object({
    quarter: text(),
    region: str,
    ids: optional(list(text())),
    scopes: optional(list(literal('institution', 'county', 'chain', 'region'))),
  }),

  'assessment.schemes': object({ region: str }),
  'assessment.scheme': object({ id: text(), version: int }),
  'assessment.exportScheme': object({ out: text(), id: str, region: str, version: int }),
  'assessment.importScheme': object({ path: text() }),
  'assessment.saveScheme': object({
    id: text(),
    baseVersion: integer(),
    note: text(),
    points: optional(record(number())),
    caps: optional(object({ bonus: num, penalty: num })),
    cutoffs: optional(list(object({ grade: literal(...GRADES), min: number() }))),
    shares: optional(list(object({ grade: literal(...GRADES), share: number() }))),
  }),
  'assessment.score': object({ region: text(), year: integer(), scheme: str, save: bool }),
  'assessment.whatIf': object({ region: text(), year: integer(), scheme: str, weights: record(number()) }),
  'assessment.exportScores': object({ region: text(), year: integer(), scheme: str, out: text() }),
  'assessment.qualitative': object({ region: text(), year: integer() }),
  'assessment.setQualitative': object({ institution: text(), year: integer(), item: text(), score: number(), reason: text(), actor: str }),
  'assessment.setQualitativeMany': object({ entries: list(object({ institution: text(), year: integer(), item: text(), score: number(), reason: text(), actor: str })) }),
  'assessment.qualitativeGrid': object({ region: text(), year: integer() }),
  'assessment.exportQualitativeGrid': object({ region: text(), year: integer(), out: text(), blank: bool }),
  'assessment.importQualitativeGrid': object({ region: text(), year: integer(), path: text(), dryRun: bool }),

  'progress.table': object({ year: integer(), quarter: union(integer(), text()), region: str }),
  'progress.export': object({ year: integer(), quarter: union(integer(), text()), region: str, out: text() }),
  'progress.targets': object({ year: integer(), region: str }),
  'progress.setTarget': object({
    county: text(),
    year: integer(),
    indicator: str,
    annualTarget: nullableNum,
    threeYearTarget: nullableNum,
    threeYearFrom: optional(nullable(integer())),
    threeYearTo: optional(nullable(integer())),
    source: str,
    actor: str,
  }),
  'progress.importTargets': object({ path: text(), year: int }),
  'progress.measures': empty(),
  'progress.settings': object({ region: str }),
  'progress.setSettings': object({ region: str, timeMethod: literal('days', 'quarters') }),

  'targets.evaluate': object({ quarter: str, region: str }),
  'targets.add': object({ target }),
  'targets.remove': object({ id: text() }),
  'targets.export': object({ out: text(), quarter: str, region: str }),

  'calendar.year': object({ year: integer() }),
  'calendar.setDay': object({ date: text(), kind: nullable(literal('holiday', 'workday')), name: str, reason: text() }),
  'deadlines.list': object({ year: int, from: str, to: str }),
  'deadlines.set': object({ quarter: text(), date: nullable(text()), reason: text() }),

  'figure.explain': tagged('kind', {
    indicator: { region: text(), quarter: text(), indicator: text(), institution: str, member: str, activeOnly: bool },
    submission: { institution: text(), quarter: text() },
    reports: { region: text(), quarter: text() },
    score: { region: text(), year: integer(), institution: text(), item: str, scheme: str },
    scoreGroup: { region: text(), year: integer(), grade: text(), band: int, group: str },
    progress: { region: text(), year: integer(), quarter: union(integer(), text()), county: str, measure: str },
    target: { region: text(), target: text(), quarter: str },
  }),
  'report.view': object({ institution: text(), quarter: text(), submissionId: int }),
  'report.diff': object({ from: integer(), to: integer() }),

  'ledger.list': object(ledgerQuery),
  'ledger.set': object({ measure: text(), year: integer(), unit: str, status: optional(literal(...LEDGER_STATUSES)), notes: str }),
  'ledger.attach': object({ measure: text(), year: integer(), unit: str, name: text(), note: str }),
  'ledger.detach': object({ attachmentId: integer() }),
  'ledger.export': object({ ...ledgerQuery, out: text(), format: optional(literal('xlsx', 'docx')) }),
  'table.export': object({
    sheet: object({
      name: text(),
      title: text(),
      period: text(),
      unit: text(),
      columns: list(object({ key: text(), header: text(), width: number(), format: optional(literal('text', 'amount', 'percent', 'points', 'integer', 'pp')), decimals: int, align: optional(literal('left', 'center')) })),
      rows: list(record(nullable(union(text(), number(), boolean())))),
      notes: optional(list(text())),
      source: text(),
      landscape: bool,
    }),
    out: text(),
  }),
  'audit.list': object({ from: str, to: str, category: str, actor: str, search: str, limit: int }),
  'audit.export': object({ from: str, to: str, category: str, actor: str, search: str, limit: int, out: text() }),
  'texts.list': object({ region: str, quarter: str, from: str, to: str, institution: str, kind: str, search: str, limit: int }),
  'returns.list': object({ region: str, quarter: str }),
  'returns.notice': object({
    source: tagged('kind', { rejected: { id: integer() }, submission: { id: integer() } }),
    out: text(),
    format: optional(literal('docx', 'xlsx')),
    workingDays: int,
    deadline: str,
  }),
  'status.chaseNotice': object({ region: text(), quarter: text(), out: text(), format: optional(literal('docx', 'xlsx')), workingDays: int }),

  'coverage.facts': object({ region: str }),
  'coverage.setFact': object({ region: str, unit: str, fact: coverageKind, value: number(), asOf: text(), source: text() }),
  'coverage.status': object({ region: str, kind: coverageKind, date: str }),
  'coverage.list': object({ region: str, kind: coverageKind, unit: str }),
  'coverage.add': object({ region: str, kind: coverageKind, unit: str, name: text(), code: str, institution: str, asOf: text(), source: text() }),
  'coverage.remove': object({ id: integer() }),
  'coverage.import': object({ region: str, kind: coverageKind, path: text(), asOf: str, source: str }),

  'historyData.import': object({
    path: text(),
    dryRun: bool,
    mappings: optional(
      record(
        object({
          institutionColumn: text(),
          headerRows: list(integer()),
          firstDataRow: integer(),
          columns: list(object({ column: text(), header: text(), field: nullable(text()), member: nullable(text()), quarter: nullable(text()) })),
        }),
      ),
    ),
    acceptProposed: bool,
  }),
  'historyData.layouts': empty(),
  'targets.priors': empty(),
  'targets.setPrior': object({ target: text(), period: text(), amount: number(), source: text() }),
  'targets.clearPrior': object({ target: text() }),

  'pricing.table': object({ region: str, quarter: str }),
  'pricing.export': object({ region: str, quarter: str, out: text() }),
  'pricing.lpr': empty(),
  'pdf.save': object({ out: text(), data: text() }),
  'pricing.lprAdd': object({ month: text(), date: text(), oneYear: number(), fiveYear: number(), source: text() }),
  'pricing.lprRemove': object({ month: text(), reason: text() }),

  'shell.chooseFiles': object({ title: str, filters: fileFilters, multiple: bool }),
  'shell.chooseFolder': object({ title: str }),
  'shell.chooseSavePath': object({ title: str, defaultName: text(), filters: fileFilters }),
  'shell.showInFolder': object({ path: text() }),
  'shell.print': object({ landscape: bool }),
  'shell.exportPdf': object({ out: text(), landscape: bool }),
} as const satisfies ArgumentSchemas;

/** An object type with its intersections merged (`Q & { out: string }` reads as one object). */
type Merged<T> = T extends object ? { [K in keyof T]: T[K] } : T;
/** True only when A and B are the same type (an optional member more or less counts). */
type Same<A, B> = (<X>() => X extends Merged<A> ? 1 : 2) extends <X>() => X extends Merged<B> ? 1 : 2 ? true : false;
/** The methods whose schema accepts other arguments than the contract says. */
type Drifted = { [M in BridgeMethod]: Same<TypeOf<(typeof ARGUMENT_SCHEMAS)[M]>, BridgeArgs<M>> extends true ? never : M }[BridgeMethod];
/** Fails the type-check with "…is not assignable to type '{ schemaDiffersFromContract: "the.method" }'". */
const exact: [Drifted] extends [never] ? true : { schemaDiffersFromContract: Drifted } = true;
void exact;

/** The methods the table knows (the services' and the shell's). */
export const SCHEMA_METHODS: ReadonlySet<string> = new Set(Object.keys(ARGUMENT_SCHEMAS));

/**
 * Checks one call's arguments against its method's schema: null when they match,
 * else E_IPC_INVALID (as every refused argument) naming the method and the offending member, in Chinese.
 */
export function argumentProblem(method: string, args: unknown): AppError | null {
  if (!SCHEMA_METHODS.has(method)) return failure('E_IPC_METHOD', { method }).appError;
  const schema = ARGUMENT_SCHEMAS[method as BridgeMethod] as Schema<unknown>;
  const bad = schema.problem(args, '');
  if (!bad) return null;
  return failure('E_IPC_INVALID', { method, problem: `${bad.path ? `参数「${bad.path}」` : '参数'}${bad.message}` }).appError;
}
