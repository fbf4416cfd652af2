/**
 * The two report forms side by side: RV-2025.1 files keep importing exactly as before,
 * RV-2026.1 adds the components of 涉农贷款, pricing by tenor and the banks' own bases;
 * a figure only the new form carries is 无数据 for an old-form report, never 0; growth
 * uses a bank's restated base where its report gives one, and the import flags it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DB } from '../../src/services/db/database';
import { importFiles } from '../../src/services/import/importFiles';
import { dumpValues } from '../../src/services/import/dump';
import { listHistory } from '../../src/services/import/submissions';
import { computeIndicators } from '../../src/services/indicators';
import { explainFigure } from '../../src/services/explain';
import { layoutFor, listTemplateVersions } from '../../src/services/catalogue/fields';
import { issueKey } from '../../src/domain/import/issueKey';
import type { FileImportResult } from '../../src/api/types';
import { freshDb, tempDir, writeReport, type ReportSpec } from './fixtures';

let db: DB;
let dir: string;
beforeAll(() => {
  ({ db } = freshDb());
  dir = tempDir();
});
afterAll(() => db.close());

const OLD = 'RV-2025.1';
const NEW = 'RV-2026.1';

/** Each file arrives on time: 2025Q3 by 2025-10-09, a fourth quarter in the first days of January. */
function onTime(quarter: string): string {
  return quarter.endsWith('Q4') ? `${Number(quarter.slice(0, 4)) + 1}-01-04` : quarter === '2025Q3' ? '2025-10-09' : `${quarter.slice(0, 4)}-0${Number(quarter.slice(5)) * 3 + 1}-03`;
}

async function load(specs: (ReportSpec & { name: string })[], received = onTime(specs[0]?.quarter ?? ''), acks?: Record<string, Record<string, string>>): Promise<FileImportResult[]> {
  const paths = specs.map((s) => writeReport(db, s, join(dir, s.name)));
  const r = await importFiles(db, { paths, receivedDate: received, ...(acks ? { acks } : {}) }, {}, { pool: { inProcess: true } });
  return r.files;
}

function indicator(id: string, quarter: string, institution?: string): { value: number | null; display: string; coverage?: { included: number; total: number } } {
  const rows = computeIndicators(db, { quarter, region: 'ankang', ids: [id], scopes: [institution ? 'institution' : 'region'] });
  const row = rows.find((r) => (institution ? r.institution === institution : r.scope === 'region'));
  if (!row) throw new Error(`no row for ${id}`);
  return row;
}

describe('RV-2025.1 and RV-2026.1 side by side', () => {
  it('both versions are known; the old form lays out exactly as it always did', () => {
    expect(listTemplateVersions(db)).toEqual([OLD, NEW, 'RV-2026.2']);
    // Every input of the 2025 form keeps its defined name, sheet and cell (the importer falls back to
    // them when a program drops the names): the snapshot was taken from the form as issued in 2025.
    const issued = JSON.parse(readFileSync(join(import.meta.dirname, 'rv-2025.1-cells.json'), 'utf8')) as Record<string, Record<string, string>>;
    for (const region of ['ankang', 'bishan']) {
      const l = layoutFor(db, region, OLD);
      const now = Object.fromEntries(l.inputs.map((i) => [i.definedName, `${i.sheet}!${i.cell}`]));
      expect({ ...now, RV__template_version: `${l.versionCell.sheet}!${l.versionCell.cell}`, RV__region: `${l.regionCell.sheet}!${l.regionCell.cell}` }).toEqual(issued[region]);
    }
    const old = layoutFor(db, 'ankang', OLD);
    expect(old.inputs.some((i) => i.key === 'rural_org_bal')).toBe(false);
    const fresh = layoutFor(db, 'ankang', NEW);
    expect(fresh.templateVersion).toBe(NEW);
    for (const k of ['rural_org_bal', 'urban_org_agri_bal', 'farmer_prod_bal', 'farmer_cons_bal', 'agri_sector_bal', 'family_farm_bal', 'coop_bal', 'leading_ent_bal', 'agri_mlt_bal', 'agri_credit_bal', 'agri_new_rate', 'pov_new_le1y', 'pov_new_le1y_rate', 'pov_new_1to3y', 'pov_new_1to3y_rate', 'inclusive_agri_new_le1y', 'inclusive_agri_new_le1y_rate', 'inclusive_agri_new_1to3y', 'inclusive_agri_new_1to3y_rate', 'inclusive_agri_npl_bal', 'farmer_npl_bal', 'agri_loans_bal_ys', 'agri_loans_bal_ly']) {
      expect(fresh.inputs.some((i) => i.key === k), k).toBe(true);
    }
  });

  it('imports an old-form and a new-form report exactly, each with its version; new-only figures are 无数据 for the old one', async () => {
    const files = await load([
      { name: 'old.xlsx', institution: 'AK-ABC', quarter: '2025Q3', templateVersion: OLD, cells: { agri_loans_bal: 61234.56 } },
      { name: 'new.xlsx', institution: 'AK-ICBC', quarter: '2025Q3', templateVersion: NEW },
    ]);
    expect(files.map((f) => [f.file, f.status, f.errors, f.warnings])).toEqual([
      ['old.xlsx', 'accepted', [], []],
      ['new.xlsx', 'accepted', [], []],
    ]);
    const [abc] = listHistory(db, 'AK-ABC', '2025Q3');
    const [icbc] = listHistory(db, 'AK-ICBC', '2025Q3');
    expect([abc?.templateVersion, icbc?.templateVersion]).toEqual([OLD, NEW]);
    const old = dumpValues(db, '2025Q3', 'AK-ABC');
    expect(old.find((d) => d.key === 'agri_loans_bal')).toMatchObject({ value: 61234.56, sheet: '信贷总量', cell: 'B7' });
    expect(old.some((d) => d.key === 'rural_org_bal')).toBe(false);
    expect(old).toHaveLength(layoutFor(db, 'ankang', OLD).inputs.length);
    const fresh = dumpValues(db, '2025Q3', 'AK-ICBC');
    expect(fresh.find((d) => d.key === 'rural_org_bal')?.value).toBe(30000);
    expect(fresh.find((d) => d.key === 'agri_new_rate')?.value).toBe(0.0395);
    // A figure only the new form carries: 无数据 for the old-form bank, its value for the other; the region counts the one bank that reports it.
    expect(indicator('rural_org_bal', '2025Q3', 'AK-ABC')).toMatchObject({ value: null, display: '无数据' });
    expect(indicator('rural_org_bal', '2025Q3', 'AK-ICBC').value).toBe(30000);
    expect(indicator('rural_org_bal', '2025Q3')).toMatchObject({ value: 30000, coverage: { included: 1, total: expect.any(Number) } });
    // What both forms carry adds up over both.
    expect(indicator('agri_loans_bal', '2025Q3').value).toBe(121234.56);
  });

  it('a total over overlapping categories is the bank’s own 合计, never a sum of the rows; an old form has none', () => {
    // fixtures: 6 重点领域 × 1000 万元, the bank's 合计 (each loan once) 5000 万元; 四贷 4 × 200, 合计 700.
    expect(indicator('keyarea_bal_total', '2025Q3', 'AK-ICBC').value).toBe(5000);
    expect(indicator('sidai_amount_total', '2025Q3', 'AK-ICBC').value).toBe(700);
    expect(indicator('prop_bal_total', '2025Q3', 'AK-ICBC').value).toBe(1800);
    for (const id of ['keyarea_bal_total', 'sidai_amount_total', 'prop_bal_total']) expect(indicator(id, '2025Q3', 'AK-ABC').display, id).toBe('无数据');
  });
});

describe('the components of 涉农贷款 and the new pricing fields are checked', () => {
  it('parts of 涉农 that do not add up are a 提示; a rate left out beside its amount is an error', async () => {
    const [f] = await load([
      { name: 'parts.xlsx', institution: 'AK-BOC', quarter: '2025Q3', templateVersion: NEW, cells: { rural_org_bal: 31000, pov_new_le1y_rate: null } },
    ]);
    expect(f?.status).toBe('rejected');
    expect(f?.warnings).toContainEqual(expect.objectContaining({ code: 'W_SUM_MISMATCH', ack: 'explain', message: expect.stringContaining('「涉农贷款余额」（60000 万元）与「农户贷款余额」、「农村（县域）企业及各类组织贷款余额」、「城市企业及各类组织涉农贷款余额」之和（61000 万元）不一致，相差 1000 万元') }));
    expect(f?.errors).toEqual([expect.objectContaining({ code: 'E_RATE_MISSING', message: expect.stringContaining('应同时填报「当年新发放脱贫人口小额信贷（期限1年及以内）加权平均利率」') })]);
  });

  it('舍位: parts that differ from the total by rounding only pass', async () => {
    // 17000.01 + 3000.00 against 20000.00: within (2 + 1) × 0.005 万元.
    const [f] = await load([{ name: 'round.xlsx', institution: 'AK-CCB', quarter: '2025Q3', templateVersion: NEW, cells: { farmer_prod_bal: 17000.01 } }]);
    expect(f?.warnings).toEqual([]);
    expect(f?.status).toBe('accepted');
  });
});

describe('a bank’s own base (年初数, 上年同期数)', () => {
  it('growth uses the restated base where the report gives one, and the import asks for a 说明 when it differs from what was reported', async () => {
    // 2024Q4 on the old form: 涉农 50000. 2025Q4 on the new form, restated 年初数 45000 (城乡划分).
    await load([{ name: 'base-2024.xlsx', institution: 'AK-PSBC', quarter: '2024Q4', templateVersion: OLD, cells: { agri_loans_bal: 50000 } }]);
    const spec = { name: 'base-2025.xlsx', institution: 'AK-PSBC', quarter: '2025Q4', templateVersion: NEW, cells: { agri_loans_bal: 60000, agri_loans_bal_ys: 45000 } };
    const [held] = await load([spec]);
    expect(held?.status).toBe('held');
    const w = held?.warnings.find((x) => x.code === 'W_BASE_RESTATED');
    expect(w).toMatchObject({ ack: 'explain', sheet: '信贷总量' });
    expect(w?.message).toContain('「涉农贷款年初余额」（45000 万元）与本机构上年末报送的「涉农贷款余额」（50000 万元）不一致，相差 -5000 万元');
    if (!w) throw new Error('no warning');
    const [done] = await load([spec], undefined, { 'base-2025.xlsx': { [issueKey(w)]: '2024年城乡划分调整，县城城区贷款划出涉农贷款，年初数按新口径重述' } });
    expect(done?.status).toBe('accepted');
    // (60000 − 45000) ÷ 45000, not (60000 − 50000) ÷ 50000.
    expect(indicator('agri_loans_growth', '2025Q4', 'AK-PSBC').value).toBeCloseTo(15000 / 45000, 12);
    // The 说明 is where the analyst looks: the 数据来源 of the growth rate, at the base it read, and of the report.
    const why = '2024年城乡划分调整，县城城区贷款划出涉农贷款，年初数按新口径重述';
    const growth = explainFigure(db, { kind: 'indicator', region: 'ankang', quarter: '2025Q4', indicator: 'agri_loans_growth', institution: 'AK-PSBC' });
    const base = growth.inputs.find((i) => i.key === 'agri_loans_bal_ys');
    expect(base?.decisions).toEqual([expect.objectContaining({ rule: w.rule ?? null, text: why, message: w.message })]);
    expect(growth.inputs.filter((i) => i.key !== 'agri_loans_bal_ys').every((i) => i.decisions === undefined)).toBe(true);
    const report = explainFigure(db, { kind: 'submission', institution: 'AK-PSBC', quarter: '2025Q4' });
    expect(report.facts.find((f) => f.label.startsWith('说明'))?.value).toContain(why);
    expect(indicator('agri_loans_inc', '2025Q4', 'AK-PSBC').value).toBe(15000);
    // A bank whose report leaves the base blank is measured against what it reported then.
    await load([{ name: 'cab-2024.xlsx', institution: 'AK-CAB', quarter: '2024Q4', templateVersion: OLD, cells: { agri_loans_bal: 50000 } }]);
    await load([{ name: 'cab-2025.xlsx', institution: 'AK-CAB', quarter: '2025Q4', templateVersion: NEW, cells: { agri_loans_bal: 60000 } }]);
    expect(indicator('agri_loans_growth', '2025Q4', 'AK-CAB').value).toBeCloseTo(0.2, 12);
    // The region adds each bank's own base: 120000 against 45000 + 50000.
    expect(indicator('agri_loans_growth', '2025Q4').value).toBeCloseTo(120000 / 95000 - 1, 12);
  });

  it('a base equal to what the bank reported raises nothing', async () => {
    await load([{ name: 'same-2024.xlsx', institution: 'AK-HBRCB', quarter: '2024Q4', templateVersion: OLD, cells: { agri_loans_bal: 50000 } }]);
    const [f] = await load([{ name: 'same-2025.xlsx', institution: 'AK-HBRCB', quarter: '2025Q4', templateVersion: NEW, cells: { agri_loans_bal: 60000, agri_loans_bal_ys: 50000 } }]);
    expect(f?.warnings).toEqual([]);
    expect(f?.status).toBe('accepted');
  });
});
