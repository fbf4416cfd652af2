import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDb, XLSX, valueByName, type TempDb } from './helpers';
import { generateSampleSet, receivedDatesOf, type SampleSetResult } from '../../src/services/template/sampleSet';
import { layoutFor } from '../../src/services/catalogue/fields';
import { ruleSetFor } from '../../src/services/catalogue/rules';
import { CURRENT_TEMPLATE_VERSION } from '../../src/services/catalogue/load';
import { validateReport, valueKey, type History, type ReportValue } from '../../src/domain/import/validate';
import { issueKey } from '../../src/domain/import/issueKey';
import type { CompiledRuleSet } from '../../src/domain/rules/types';
import { periodQuarter, periodsUsed } from '../../src/domain/rules/periods';
import { numberToScaled } from '../../src/domain/amount';
import { listInstitutions } from '../../src/services/registry/institutions';
import type { TemplateLayout } from '../../src/domain/catalogue/layout';
import { runCli } from '../../src/cli/main';
import { writeFileSync } from 'node:fs';
import { sampleReport } from '../../src/domain/sample/report';
import { dayNumber, parseQuarter, quarterId } from '../../src/domain/quarter';
import { drawRegionTemplate } from '../../src/services/template/generate';
import { prepareRefill, refill } from '../../src/services/template/refill';
import { listRegions } from '../../src/services/registry/regions';

let t: TempDb;
let full: SampleSetResult;

beforeAll(async () => {
  t = tempDb();
  full = await generateSampleSet(t.db, { out: join(t.dir, 'full') });
});
afterAll(() => t.cleanup());

type Read = Map<string, unknown>;

function readReport(path: string, layout: TemplateLayout): Read {
  const wb = XLSX.readFile(path);
  return new Map(layout.inputs.map((i) => [i.definedName, valueByName(wb, i.definedName)]));
}

/** Every cell constraint and every check rule of the report's template version, as the importer applies them. */
function violations(values: Read, layout: TemplateLayout, rules: CompiledRuleSet, quarter?: string, history?: History): string[] {
  const out: string[] = [];
  const reportValues: ReportValue[] = [];
  for (const input of layout.inputs) {
    const f = input.field;
    const v = values.get(input.definedName);
    let num: number | null = null;
    let text: string | null = null;
    if (v !== undefined && v !== null && v !== '') {
      if (f.type === 'text') {
        if (typeof v !== 'string') out.push(`${input.definedName} not text`);
        else text = v;
      } else if (typeof v !== 'number') {
        out.push(`${input.definedName} not a number: ${String(v)}`);
      } else if (f.type === 'date') {
        text = String(v);
      } else {
        if (f.type === 'count' && !Number.isInteger(v)) out.push(`${input.definedName} not whole`);
        if (f.type === 'amount' && Math.abs(v * 100 - Math.round(v * 100)) > 1e-6) out.push(`${input.definedName} has more than 2 decimals`);
        num = numberToScaled(v, f.type);
      }
    }
    reportValues.push({ input, sheet: input.sheet, cell: input.cell, num, text });
  }
  const q = quarter ? Number(quarter.slice(5)) : undefined;
  for (const i of validateReport(reportValues, { rules, ...(q ? { quarter: q } : {}), ...(history ? { history } : {}) })) out.push(`${i.rule ?? i.code} ${issueKey(i)}: ${i.message}`);
  return out;
}

/** The scaled values of a report as the store keeps them (for the 跨期 rules of the next quarters). */
function stored(values: Read, layout: TemplateLayout): Map<string, number> {
  const m = new Map<string, number>();
  for (const input of layout.inputs) {
    const v = values.get(input.definedName);
    const t = input.field.type;
    if (typeof v === 'number' && (t === 'amount' || t === 'rate' || t === 'count')) m.set(valueKey(input.key, input.member), numberToScaled(v, t));
  }
  return m;
}

describe('sample report set', () => {
  it('writes 5 years × 17 institutions plus resubmissions, with a manifest', () => {
    expect(full.institutions).toBe(17);
    expect(full.quarters).toBe(20);
    const manifest = JSON.parse(readFileSync(full.manifest, 'utf8')) as {
      seed: number;
      files: { file: string; institution: string; quarter: string; receivedDate: string; late: boolean; resubmission: boolean }[];
    };
    expect(manifest.seed).toBe(1);
    expect(manifest.files).toHaveLength(17 * 20 + 2);
    const onDisk = readdirSync(join(t.dir, 'full')).filter((f) => f.endsWith('.xlsx'));
    expect(onDisk.sort()).toEqual(manifest.files.map((f) => f.file).sort());
    expect(manifest.files[0]?.file).toMatch(/^示例数据_2021Q1_(AK|BS)-[A-Z]+_.+\.xlsx$/);
    expect(onDisk).toContain('示例数据_2025Q3_AK-ABC_中国农业银行安康分行.xlsx');
    const late = manifest.files.filter((f) => f.late && !f.resubmission).length / (17 * 20);
    expect(late).toBeGreaterThan(0.03);
    expect(late).toBeLessThan(0.15);
    const resubs = manifest.files.map((f, i) => ({ f, i })).filter(({ f }) => f.resubmission);
    expect(resubs).toHaveLength(2);
    const dates = receivedDatesOf(full.files);
    expect(Object.keys(dates)).toHaveLength(full.files.length);
    expect(dates[full.files[0]?.path ?? '']).toBe(manifest.files[0]?.receivedDate);
    for (const { f, i } of resubs) {
      const first = manifest.files.findIndex((g) => !g.resubmission && g.institution === f.institution && g.quarter === f.quarter);
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThan(i);
      expect(f.receivedDate > (manifest.files[first]?.receivedDate ?? '')).toBe(true);
      expect(f.file).toMatch(/_更正\.xlsx$/);
    }
    // On time and late as the stored deadline (holidays and 调休 applied) says.
    const deadlineOf = (q: string): string => (t.db.prepare('SELECT deadline FROM periods WHERE quarter = ?').get(q) as { deadline: string }).deadline;
    for (const f of manifest.files) expect(f.receivedDate > deadlineOf(f.quarter), `${f.file} ${f.receivedDate}`).toBe(f.late);
  });

  it('every file passes every cell constraint and check rule, against the same bank’s earlier quarters too', () => {
    const problems: string[] = [];
    const raised: string[] = [];
    // In arrival order, as the import takes them: each file sees the bank's current earlier quarters.
    const current = new Map<string, Map<string, number>>();
    for (const f of [...full.files].sort((a, b) => (a.receivedDate < b.receivedDate ? -1 : a.receivedDate > b.receivedDate ? 1 : 0))) {
      const layout = layoutFor(t.db, f.region, f.templateVersion);
      const rules = ruleSetFor(t.db, f.templateVersion);
      const values = readReport(f.path, layout);
      const q = parseQuarter(f.quarter);
      if (!q) throw new Error(f.quarter);
      const history: History = {};
      for (const p of periodsUsed(rules)) {
        const h = current.get(`${f.institution}|${quarterId(periodQuarter(q, p))}`);
        if (h) history[p] = h;
      }
      // The 提示 the set raises on purpose (a restated 上年同期数) come with the sample analyst's 说明.
      const explained = full.acks[f.file] ?? {};
      for (const v of violations(values, layout, rules, f.quarter, history)) {
        const key = (v.split(' ')[1] ?? '').replace(/:$/, '');
        if (key in explained) raised.push(`${f.file} ${key}`);
        else problems.push(`${f.file}: ${v}`);
      }
      current.set(`${f.institution}|${f.quarter}`, stored(values, layout));
    }
    expect(problems.slice(0, 10)).toEqual([]);
    // Each 说明 answers a 提示 that is really raised.
    expect(raised.length).toBe(Object.values(full.acks).reduce((n, a) => n + Object.keys(a).length, 0));
    expect(raised.length).toBeGreaterThan(20);
    // The checker itself catches a broken report.
    const first = full.files[0];
    if (!first) throw new Error('empty set');
    const layout = layoutFor(t.db, first.region, first.templateVersion);
    const broken = readReport(first.path, layout);
    broken.set('RV_agri_loans_bal', Number(broken.get('RV_loans_total_bal')) + 1);
    broken.set('RV_chain_bal__' + String(layout.inputs.find((i) => i.key === 'chain_bal')?.member), Number(broken.get('RV_agri_loans_bal')) * 2);
    expect(violations(broken, layout, ruleSetFor(t.db, first.templateVersion)).map((p) => p.split(' ')[0])).toEqual(['R25-01', 'R25-20']);
  });

  it('reads back through the defined names as generated: cover, sizes by type, YTD restarting in Q1, splits within totals', () => {
    const layout = layoutFor(t.db, 'ankang');
    const path = (q: string, code: string): string => full.files.find((f) => f.quarter === q && f.institution === code && !f.resubmission)?.path ?? '';
    const abc = readReport(path('2025Q3', 'AK-ABC'), layout);
    expect(abc.get('RV_cover_institution')).toBe('中国农业银行安康分行');
    expect(abc.get('RV_cover_institution_code')).toBe('AK-ABC');
    expect(abc.get('RV_cover_quarter')).toBe('2025Q3');
    expect(String(abc.get('RV_cover_preparer'))).toContain('示例数据');
    expect(typeof abc.get('RV_cover_fill_date')).toBe('number');
    expect(String(abc.get('RV_text_work'))).toMatch(/涉农贷款余额[\d.]+亿元/);
    const vb = readReport(path('2025Q3', 'AK-HYVB'), layout);
    const total = (r: Read): number => Number(r.get('RV_loans_total_bal'));
    expect(total(abc)).toBeGreaterThan(20 * total(vb));
    // 农行's 涉农 share is far above a 国有 peer's.
    const icbc = readReport(path('2025Q3', 'AK-ICBC'), layout);
    expect(Number(abc.get('RV_agri_loans_bal')) / total(abc)).toBeGreaterThan(Number(icbc.get('RV_agri_loans_bal')) / total(icbc));
    // YTD grows through the year and restarts in Q1.
    const ytd = ['2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1'].map((q) => Number(readReport(path(q, 'AK-ABC'), layout).get('RV_agri_loans_ytd')));
    expect(ytd[1]).toBeGreaterThan(ytd[0] ?? 0);
    expect(ytd[2]).toBeGreaterThan(ytd[1] ?? 0);
    expect(ytd[3]).toBeGreaterThan(ytd[2] ?? 0);
    expect(ytd[4]).toBeLessThan((ytd[3] ?? 0) / 2);
    // Balances grow year on year.
    const bal2021 = total(readReport(path('2021Q4', 'AK-ABC'), layout));
    expect(total(abc)).toBeGreaterThan(bal2021 * 1.15);
    // A city branch's county split adds up to its 涉农贷款; a county bank lends at home.
    const counties = layout.inputs.filter((i) => i.key === 'county_agri_bal');
    const sum = counties.reduce((s, i) => s + Number(abc.get(i.definedName)), 0);
    expect(Math.round(sum * 100)).toBe(Math.round(Number(abc.get('RV_agri_loans_bal')) * 100));
    const xy = readReport(path('2025Q3', 'AK-XYRCB'), layout);
    expect(Number(xy.get('RV_county_agri_bal__AK09'))).toBe(Number(xy.get('RV_agri_loans_bal')));
    expect(Number(xy.get('RV_county_agri_bal__AK01'))).toBe(0);
  });

  it('SheetJS reads back every generated value through the defined names', async () => {
    const drawn = drawRegionTemplate(t.db, 'ankang', 2026);
    const region = listRegions(t.db).find((r) => r.code === 'ankang');
    const inst = listInstitutions(t.db).find((i) => i.code === 'AK-PSBC');
    if (!region || !inst) throw new Error('registry not seeded');
    const values = sampleReport({
      layout: drawn.layout,
      region: { code: region.code, name: region.name, units: region.units, villages: 1650, phonePrefix: '0915' },
      institution: inst,
      quarter: { year: 2024, q: 2 },
      seed: 3,
      fillDate: { y: 2024, m: 7, d: 3 },
    });
    const path = join(t.dir, 'roundtrip.xlsx');
    writeFileSync(path, refill(await prepareRefill(drawn), values, { when: new Date(Date.UTC(2024, 6, 3, 1, 30)), subject: 'roundtrip' }));
    const back = readReport(path, drawn.layout);
    expect(values.size).toBe(drawn.layout.inputs.length);
    for (const [name, v] of values) {
      const expected = v !== null && typeof v === 'object' ? dayNumber(v) - dayNumber({ y: 1899, m: 12, d: 30 }) : (v ?? undefined);
      expect(back.get(name), name).toBe(expected);
    }
    expect(back.get('RV_cover_fill_date')).toBe(45476);
    const wb = XLSX.readFile(path);
    expect(valueByName(wb, 'RV__template_version')).toBe(CURRENT_TEMPLATE_VERSION);
    expect(valueByName(wb, 'RV__region')).toBe('安康市');
  });

  it('a resubmission corrects the first file', () => {
    const resub = full.files.find((f) => f.resubmission);
    const first = full.files.find((f) => !f.resubmission && f.institution === resub?.institution && f.quarter === resub?.quarter);
    if (!resub || !first) throw new Error('no resubmission in the set');
    const l = layoutFor(t.db, resub.region, resub.templateVersion);
    const a = readReport(first.path, l);
    const b = readReport(resub.path, l);
    expect(a.get('RV_loans_total_bal')).toBe(b.get('RV_loans_total_bal'));
    expect(Number(a.get('RV_farmer_loans_bal'))).toBeLessThan(Number(b.get('RV_farmer_loans_bal')));
  });

  it('is reproducible: same seed → same bytes; another seed → other values', async () => {
    const a = await generateSampleSet(t.db, { out: join(t.dir, 'a'), years: '2025', seed: 7 });
    const b = await generateSampleSet(t.db, { out: join(t.dir, 'b'), years: '2025', seed: 7 });
    const c = await generateSampleSet(t.db, { out: join(t.dir, 'c'), years: '2025', seed: 8 });
    expect(a.files.map((f) => f.file)).toEqual(b.files.map((f) => f.file));
    for (const [i, f] of a.files.entries()) expect(readFileSync(f.path).equals(readFileSync(b.files[i]?.path ?? '')), f.file).toBe(true);
    expect(readFileSync(a.manifest, 'utf8').replace(/"seed": 7/, '')).toBe(readFileSync(b.manifest, 'utf8').replace(/"seed": 7/, ''));
    const layout = layoutFor(t.db, 'ankang');
    const pick = (r: SampleSetResult): Read => readReport(r.files.find((f) => f.institution === 'AK-ABC' && f.quarter === '2025Q2')?.path ?? '', layout);
    expect(pick(a).get('RV_loans_total_bal')).not.toBe(pick(c).get('RV_loans_total_bal'));
    // A quarter's figures do not depend on which years were asked for.
    const fromFull = readReport(full.files.find((f) => f.institution === 'AK-ABC' && f.quarter === '2025Q2')?.path ?? '', layout);
    const seed1 = await generateSampleSet(t.db, { out: join(t.dir, 'd'), years: '2025', seed: 1 });
    expect(pick(seed1).get('RV_loans_total_bal')).toBe(fromFull.get('RV_loans_total_bal'));
  });

  it('scale 2 registers synthetic sample institutions and reports for them (CLI)', async () => {
    const lines: string[] = [];
    const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) };
    const code = await runCli(['sample', '--db', t.dbPath, '--out', join(t.dir, 'x2'), '--years', '2025', '--scale', '2', '--json'], io);
    expect(code).toBe(0);
    const r = JSON.parse(lines.join('')) as { files: string[]; institutions: number; quarters: number };
    expect(r.institutions).toBe(34);
    expect(r.files).toHaveLength(34 * 4 + 4);
    const synthetic = listInstitutions(t.db).filter((i) => /-S\d{4}$/.test(i.code));
    expect(synthetic).toHaveLength(17);
    expect(synthetic.every((i) => i.sample)).toBe(true);
    expect(synthetic.find((i) => i.code === 'AK-S0001')?.name).toBe('示例银行安康第1支行');
    expect(new Set(synthetic.map((i) => i.type)).size).toBe(7);
    const layout = layoutFor(t.db, 'bishan');
    const file = r.files.find((f) => f.includes('BS-S0003') && f.includes('2025Q4')) ?? '';
    const values = readReport(file, layout);
    expect(values.get('RV_cover_institution_code')).toBe('BS-S0003');
    expect(violations(values, layout, ruleSetFor(t.db, CURRENT_TEMPLATE_VERSION), '2025Q4')).toEqual([]);
  });

  it('refuses bad arguments in Chinese', async () => {
    await expect(generateSampleSet(t.db, { out: join(t.dir, 'bad'), years: '2025-2021' })).rejects.toThrow(/年份范围「2025-2021」无效/);
    await expect(generateSampleSet(t.db, { out: join(t.dir, 'bad'), scale: 0 })).rejects.toThrow(/--scale/);
  });
});
