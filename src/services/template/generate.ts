/** `template`: the quarterly report form for one institution and quarter, or blank for a region. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DB } from '../db/database';
import { layoutFor } from '../catalogue/fields';
import { listInstitutions, resolveInstitution } from '../registry/institutions';
import { resolveRegionCode } from '../registry/regions';
import { fail } from '../../domain/result';
import { writeProblem } from '../files/writeProblem';
import { parseQuarter, quarterId, quarterLabel, quarterRange, type Quarter } from '../../domain/quarter';
import { FIRST_QUARTER } from '../db/seed';
import { drawTemplate, type DrawnTemplate } from './workbook';
import { isSynthetic } from './syntheticInstitutions';
import { writeCsvTemplate } from '../import/csvTemplate';
import { fillForm, roleName, type FormValue } from './fill';
import { today as clockToday } from '../../domain/clock';
import { ruleSetFor } from '../catalogue/rules';
import { ReadCache } from '../import/readReport';
import type { CheckHistory } from './checkSheet';

export interface TemplateRequest {
  institution?: string;
  quarter?: string;
  region?: string;
  blank?: boolean;
  out: string;
  format?: 'xlsx' | 'csv';
  encoding?: 'utf8' | 'gbk';
}

export interface TemplateResult {
  path: string;
  institution: string | null;
  quarter: string | null;
  region: string;
  inputs: number;
}

/** Quarters offered in the drop-down: from the first stored quarter to the end of the next year. */
export function quarterChoices(lastYear: number): string[] {
  return quarterRange(FIRST_QUARTER, { year: lastYear, q: 4 }).map(quarterId);
}

/**
 * The form drawn for a region: its layout, its institutions in the drop-down
 * (without the synthetic sample banks of a scaled sample set, unless the form is for one),
 * and the 校验 sheet of its version's rules; a form issued to one institution for one
 * quarter carries what that institution reported before, so its 跨期 rules are checked too.
 */
export function drawRegionTemplate(
  db: DB,
  region: string,
  lastYear: number,
  pageHeader?: string,
  forInstitution?: string,
  version?: string,
  forQuarter?: Quarter,
): DrawnTemplate {
  const layout = layoutFor(db, region, version);
  const institutionNames = listInstitutions(db, { region })
    .filter((i) => !isSynthetic(i.code) || i.code === forInstitution)
    .map((i) => i.name);
  const rules = ruleSetFor(db, layout.templateVersion);
  const history: CheckHistory | undefined = forInstitution && forQuarter ? new ReadCache(db).history(forInstitution, forQuarter, rules) : undefined;
  return drawTemplate({ layout, institutionNames, quarters: quarterChoices(lastYear), ...(pageHeader ? { pageHeader } : {}), check: { rules, ...(history ? { history } : {}) } });
}

export function parseQuarterOrFail(text: string | undefined): Quarter {
  if (!text) fail('E_QUARTER_REQUIRED', {});
  const q = parseQuarter(text);
  if (!q) fail('E_QUARTER_INVALID', { what: '报告期', quarter: text });
  return q;
}

/** The format asked for, else the one the output file's ending names. */
export function templateFormat(req: Pick<TemplateRequest, 'format' | 'out'>): 'xlsx' | 'csv' {
  return req.format ?? (/\.csv$/i.test(req.out) ? 'csv' : 'xlsx');
}

/** The CSV form, with the same choice of institution and quarter or blank region as the workbook. */
async function generateCsvTemplate(db: DB, req: TemplateRequest): Promise<TemplateResult> {
  if (!/\.csv$/i.test(req.out)) fail('E_OUT_EXT', { out: req.out, ext: '.csv' });
  const encoding = req.encoding === 'gbk' ? 'gbk' : 'utf-8';
  if (req.blank || !req.institution) {
    if (!req.region) fail('E_REGION_MISSING', {});
    const region = resolveRegionCode(db, req.region);
    if (!region) fail('E_REGION_UNKNOWN', { region: req.region });
    const quarter = req.quarter ? quarterId(parseQuarterOrFail(req.quarter)) : null;
    const r = await writeCsvTemplate(db, { out: req.out, region, ...(quarter ? { quarter } : {}), encoding });
    return { path: r.path, institution: null, quarter, region, inputs: r.inputs };
  }
  const inst = resolveInstitution(db, req.institution);
  if (!inst) fail('E_INST_UNKNOWN', { institution: req.institution });
  const quarter = quarterId(parseQuarterOrFail(req.quarter));
  const r = await writeCsvTemplate(db, { out: req.out, institution: inst.code, quarter, encoding });
  return { path: r.path, institution: inst.code, quarter, region: r.region, inputs: r.inputs };
}

export async function generateTemplate(db: DB, req: TemplateRequest): Promise<TemplateResult> {
  if (!req.out) fail('E_OUT_MISSING', {});
  const out = resolve(req.out);
  if (templateFormat(req) === 'csv') return generateCsvTemplate(db, req);
  if (!/\.xlsx$/i.test(out)) fail('E_OUT_EXT', { out: req.out, ext: '.xlsx' });
  let drawn: DrawnTemplate;
  let institution: string | null = null;
  let quarter: string | null = null;
  let region: string;
  if (req.blank || !req.institution) {
    if (!req.region) fail('E_REGION_MISSING', {});
    const code = resolveRegionCode(db, req.region);
    if (!code) fail('E_REGION_UNKNOWN', { region: req.region });
    region = code;
    const q = req.quarter ? parseQuarterOrFail(req.quarter) : null;
    drawn = drawRegionTemplate(db, region, (q?.year ?? clockToday().y) + 1);
    if (q) fillForm(drawn, prefill(drawn, null, q));
  } else {
    const inst = resolveInstitution(db, req.institution);
    if (!inst) fail('E_INST_UNKNOWN', { institution: req.institution });
    const q = parseQuarterOrFail(req.quarter);
    region = inst.region;
    institution = inst.code;
    quarter = quarterId(q);
    drawn = drawRegionTemplate(db, region, q.year + 1, undefined, inst.code, undefined, q);
    fillForm(drawn, prefill(drawn, { code: inst.code, name: inst.name }, q));
    drawn.wb.subject = `${inst.name} ${quarterLabel(q)}`;
  }
  mkdirSync(dirname(out), { recursive: true });
  try {
    await drawn.wb.xlsx.writeFile(out);
  } catch (e) {
    fail('E_WRITE', { file: out, reason: writeProblem(e) }, { file: out });
  }
  return { path: out, institution, quarter, region, inputs: drawn.layout.inputs.length };
}

/** The cover cells a template arrives with: institution name and code, quarter. */
export function prefill(drawn: DrawnTemplate, inst: { code: string; name: string } | null, q: Quarter): Map<string, FormValue> {
  const values = new Map<string, FormValue>();
  const set = (role: 'institution' | 'institutionCode' | 'quarter', v: string): void => {
    const name = roleName(drawn, role);
    if (name) values.set(name, v);
  };
  if (inst) {
    set('institution', inst.name);
    set('institutionCode', inst.code);
  }
  set('quarter', quarterId(q));
  return values;
}
