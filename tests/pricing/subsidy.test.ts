/**
 * 璧山（八） 贴息率 ≤ 50% × LPR, as practice judges it: weighted by the subsidised loans (not by
 * 涉农贷款), each tenor against half the LPR of that tenor in force when the loans were made.
 * RV-2026.2 asks for the year's subsidised loans and their 贴息率 by tenor; older forms keep
 * importing and say they cannot give the figure. Hand-worked on 2025, when both LPRs were cut
 * on 2025-05-20 (1年期 3.10% → 3.00%, 5年期以上 3.60% → 3.50%):
 *
 * - 农商行 Q1: 100万 (1年及以内) at 1.55% = 50% × 3.10%, the LPR in force when lent: compliant,
 *   though half of the LPR at the quarter's end of Q2 is 1.50%. Q2 (YTD): 300万 at 1.52%
 *   ((100 × 1.55 + 200 × 1.50) / 300 = 1.5167%); the low end of the benchmark is the same
 *   1.5167% (Q1 at 1.55%, Q2 at its lowest half-LPR 1.50%), 1.52% is within the 0.5BP rounding:
 *   compliant. 1年以上: 100万 lent in Q2 at 1.90%, against half the 5-year LPR over Q2
 *   (49 days at 1.80%, 42 at 1.75%: 1.776923%), above its highest 1.80%: 高于, +12.3BP.
 * - 农行 Q2: 100万 (1年及以内) at 1.40%: compliant.
 * - 邮储 sends RV-2026.1 (an average 贴息率 only), 工银村镇 RV-2025.1: both import; neither can be judged.
 * - The district's 贴息率 weighted by the subsidised loans: (400 × 1.62% + 100 × 1.40%) / 500 = 1.576%.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import type { DB } from '../../src/services/db/database';
import { importFiles } from '../../src/services/import/importFiles';
import { pricingTable } from '../../src/services/pricing';
import { evaluateTargets } from '../../src/services/targets';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { ruleSetFor } from '../../src/services/catalogue/rules';
import { must } from '../helpers/result';
import { tempDir, writeReport, type CellSpec } from '../import/fixtures';
import { importBatches, type NamedReport } from '../helpers/importBatches';

const pct = (v: number): CellSpec => ({ t: 'n', v, z: '0.00%' });
const subsidy = (le1y: number, le1yRate: number | null, gt1y: number, gt1yRate: number | null, rate: number | null): Record<string, CellSpec> => ({
  agri_subsidy_new: le1y + gt1y,
  agri_subsidy_new_rate: rate === null ? null : pct(rate),
  agri_subsidy_new_le1y: le1y,
  agri_subsidy_new_le1y_rate: le1yRate === null ? null : pct(le1yRate),
  agri_subsidy_new_gt1y: gt1y,
  agri_subsidy_new_gt1y_rate: gt1yRate === null ? null : pct(gt1yRate),
});

describe('贴息率 against half the LPR in force when the subsidised loans were made', () => {
  let ctx: ServiceContext;
  let db: DB;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    ctx = openContext(join(dir, 'rfm.sqlite'));
    db = ctx.db;
    const batches: [string, NamedReport[]][] = [
      ['2025-04-08', [{ name: 'cqrcb-q1.xlsx', institution: 'BS-CQRCB', quarter: '2025Q1', templateVersion: 'RV-2026.2', cells: subsidy(100, 0.0155, 0, null, 0.0155) }]],
      [
        '2025-07-07',
        [
          { name: 'cqrcb-q2.xlsx', institution: 'BS-CQRCB', quarter: '2025Q2', templateVersion: 'RV-2026.2', cells: subsidy(300, 0.0152, 100, 0.019, 0.0162) },
          { name: 'abc-q2.xlsx', institution: 'BS-ABC', quarter: '2025Q2', templateVersion: 'RV-2026.2', cells: subsidy(100, 0.014, 0, null, 0.014) },
          { name: 'psbc-q2.xlsx', institution: 'BS-PSBC', quarter: '2025Q2', templateVersion: 'RV-2026.1', cells: { agri_subsidy_rate: pct(0.012) } },
          { name: 'icbcvb-q2.xlsx', institution: 'BS-ICBCVB', quarter: '2025Q2', templateVersion: 'RV-2025.1' },
        ],
      ],
    ];
    await importBatches(db, dir, batches);
  });
  afterAll(() => closeContext(ctx));

  it('judges each bank and tenor against 50% of the LPR in force when lent; old forms cannot be judged', () => {
    const t = pricingTable(db, { region: 'bishan', quarter: '2025Q2' });
    const p = t.products.find((x) => x.id === 'agri_subsidy');
    if (!p) throw new Error('no subsidy product');
    expect([p.rateWord, p.benchmarkWord, p.judged]).toEqual(['贴息率', 'LPR的50%', true]);
    const row = (inst: string, tenor: string) => p.rows.find((r) => r.institution === inst && r.tenor === tenor);
    const le = row('BS-CQRCB', 'le1y');
    expect([le?.amount, le?.rate, le?.status, le?.statusWord]).toEqual([300, 0.0152, 'compliant', '不高于LPR的50%']);
    expect(le?.low).toBeCloseTo((100 * 0.0155 + 200 * 0.015) / 300, 12);
    expect(le?.high).toBeCloseTo(0.0155, 12);
    expect(le?.stretches.map((s) => s.lprWords)).toEqual(['1.550%（50% × 3.10%）（2024-12-20 公布）', '1.550%（50% × 3.10%）（2025-03-20 公布，04-01 至 05-19）；1.500%（50% × 3.00%）（2025-05-20 公布，05-20 至 06-30）']);
    const long = row('BS-CQRCB', 'gt1y');
    expect([long?.status, long?.statusWord, long?.spreadBp, long?.lprLabel]).toEqual(['above', '高于LPR的50%', 12.3, '5年期以上LPR']);
    expect(long?.benchmark).toBeCloseTo((49 * 0.018 + 42 * 0.0175) / 91, 12);
    expect(row('BS-ABC', 'le1y')?.status).toBe('compliant');
    expect(row('BS-ABC', 'gt1y')?.status).toBe('noIssuance');
    expect(row('BS-PSBC', 'le1y')?.note).toBe('2025年第二季度报表为旧版（RV-2026.1），无当年新发放农业产业项目贴息贷款分期限数据，无法判断');
    expect(row('BS-ICBCVB', 'gt1y')?.note).toContain('旧版（RV-2025.1）');
    expect(t.definition.join('')).toContain('基准为发放时LPR × 50%');
    // 安康 has no such policy: no subsidy product there.
    expect(pricingTable(db, { region: 'ankang', quarter: '2025Q2' }).products.map((x) => x.id)).not.toContain('agri_subsidy');
  });

  it('the 璧山（八） target: 落后 for the bank above half the LPR, the others judged or undecided, in words', () => {
    const t = evaluateTargets(db, { region: 'bishan', quarter: '2025Q2' }).find((x) => x.id === 'bs-subsidy-lpr');
    expect(t?.status).toBe('落后');
    expect(t?.indicatorLabel).toBe('当年新发放农业产业项目贴息贷款贴息率与发放时LPR的50%');
    expect(t?.details.map((d) => [d.institution, d.met])).toEqual([
      ['BS-ABC', true],
      ['BS-CQRCB', false],
      ['BS-ICBCVB', null],
      ['BS-PSBC', null],
    ]);
    expect(t?.figures).toContain('1 家高于发放时LPR的50%');
    expect(t?.figures).toContain('1年以上加点 12.3BP（高于LPR的50%）');
    expect(t?.figures).toContain('1年以上对5年期以上LPR');
    // At Q1 the only loan, at 50% of the LPR then in force, is compliant.
    expect(evaluateTargets(db, { region: 'bishan', quarter: '2025Q1' }).find((x) => x.id === 'bs-subsidy-lpr')?.status).toBe('已达成');
  });

  it('the district 贴息率 is weighted by the subsidised loans; 数据来源 says why the old forms are left out', async () => {
    const h = createHandlers(ctx);
    const rows = must(await h['indicators.compute']({ quarter: '2025Q2', region: 'bishan', ids: ['agri_subsidy_rate'], scopes: ['region', 'institution'] }, {}));
    const region = rows.find((r) => r.scope === 'region');
    expect(region?.value).toBeCloseTo((400 * 0.0162 + 100 * 0.014) / 500, 12);
    expect(region?.coverage).toEqual({ included: 2, total: 6 });
    expect(rows.find((r) => r.institution === 'BS-PSBC')?.display).toBe('无数据');
    const e = must(await h['figure.explain']({ kind: 'indicator', region: 'bishan', quarter: '2025Q2', indicator: 'agri_subsidy_rate' }, {}));
    expect(e.definition).toContain('按贴息贷款当年新发放额加权');
    expect(e.excluded.find((x) => x.institution === 'BS-PSBC')?.reason).toBe(
      '2025年第二季度报表为旧版（RV-2026.1），没有「当年新发放农业产业项目贴息贷款加权平均贴息率」、「当年新发放农业产业项目贴息贷款」项目，无法计算',
    );
    expect(e.inputs.filter((i) => i.key === 'agri_subsidy_new').map((i) => [i.institution, i.value])).toEqual([
      ['BS-ABC', 100],
      ['BS-CQRCB', 400],
    ]);
    // The target's 数据来源 lists each bank and tenor with its spread against half the LPR.
    const te = must(await h['figure.explain']({ kind: 'target', region: 'bishan', target: 'bs-subsidy-lpr', quarter: '2025Q2' }, {}));
    expect(te.components.find((c) => c.label === '重庆农村商业银行璧山支行 · 1年以上')?.display).toBe('1.90%，发放时5年期以上LPR 1.78%，加点 12.3BP，高于LPR的50%');
  });

  it('the form asks for the subsidised loans: the RV-2026.2 template has the rows, their defined names and the 校验 rules', async () => {
    const out = join(dir, 'blank.xlsx');
    must(await createHandlers(ctx)['template.generate']({ region: 'bishan', blank: true, out }, {}));
    const wb = XLSX.readFile(out);
    const names = new Map((wb.Workbook?.Names ?? []).map((n) => [n.Name, n.Ref]));
    for (const k of ['agri_subsidy_new', 'agri_subsidy_new_rate', 'agri_subsidy_new_le1y', 'agri_subsidy_new_le1y_rate', 'agri_subsidy_new_gt1y', 'agri_subsidy_new_gt1y_rate']) expect(names.has(`RV_${k}`), k).toBe(true);
    expect(names.has('RV_agri_subsidy_rate')).toBe(false);
    const text = XLSX.utils.sheet_to_csv(wb.Sheets[wb.SheetNames.find((n) => n.includes('服务')) ?? ''] as XLSX.WorkSheet);
    expect(text).toContain('当年新发放农业产业项目贴息贷款（期限1年以上）加权平均贴息率');
    expect(text).toContain('贴息率为财政贴息部分折成的年利率');
    const check = XLSX.utils.sheet_to_csv(wb.Sheets['校验'] as XLSX.WorkSheet);
    expect(check).toContain('R262-04');
    // The earlier form's rules all carry over.
    expect(ruleSetFor(db, 'RV-2026.2').rules.length).toBe(ruleSetFor(db, 'RV-2026.1').rules.length + 6);
  });

  it('a 贴息率 left out beside its amount is refused, naming the cell', async () => {
    const path = writeReport(db, { institution: 'BS-BCQ', quarter: '2025Q2', templateVersion: 'RV-2026.2', cells: subsidy(50, null, 0, null, 0.014) }, join(dir, 'bcq-q2.xlsx'));
    const r = await importFiles(db, { paths: [path], receivedDate: '2025-07-07', dryRun: true }, {}, { pool: { inProcess: true } });
    expect(r.files[0]?.status).toBe('rejected');
    expect(r.files[0]?.errors.map((e) => e.code)).toContain('E_RATE_MISSING');
    expect(r.files[0]?.errors.find((e) => e.code === 'E_RATE_MISSING')?.message).toContain('贴息率与发放时1年期LPR的50%比较');
  });
});
