/**
 * Pricing against the LPR as practice judges it: each tenor's new lending set against the LPR
 * of that tenor in force when it was lent (1年及以内 → 1年期, 1–3年 → 5年期以上), hand-worked
 * on 2025, when both LPRs were cut on 2025-05-20 (3.10% → 3.00%, 3.60% → 3.50%).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { readFileSync } from 'node:fs';
import { readZip } from '../charts/zip';
import type { DB } from '../../src/services/db/database';
import { pricingTable, pricingParagraphs } from '../../src/services/pricing';
import { evaluateTargets, loadLpr } from '../../src/services/targets';
import { judgePricing } from '../../src/domain/pricing/judge';
import { lprSpans } from '../../src/domain/lpr';
import { createHandlers } from '../../src/services/api/handlers';
import { must } from '../helpers/result';
import { cli } from '../helpers/cli';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { tempDir, type CellSpec } from '../import/fixtures';
import { importBatches, type NamedReport } from '../helpers/importBatches';
import type { PricingRow } from '../../src/api/pricing-types';

const TOL = 0.00005;
const lpr = loadLpr();

describe('the LPR in force when the loans were made (domain, hand-worked)', () => {
  it('splits a quarter at a fixing: 2025Q2 had 3.10% for 49 days and 3.00% for 42', () => {
    expect(lprSpans(lpr, 'oneYear', '2025-04-01', '2025-06-30')).toEqual([
      // The fixing in force on 04-01 is March's (04-21 repeated it).
      { from: '2025-04-01', to: '2025-05-19', days: 49, rate: 0.031, published: '2025-03-20' },
      { from: '2025-05-20', to: '2025-06-30', days: 42, rate: 0.03, published: '2025-05-20' },
    ]);
    // Months that repeat the rate do not split the stretch; the 5-year LPR is its own series.
    expect(lprSpans(lpr, 'fiveYear', '2025-01-01', '2025-03-31')).toEqual([{ from: '2025-01-01', to: '2025-03-31', days: 90, rate: 0.036, published: '2024-12-20' }]);
  });

  it('a loan priced at the LPR when it was made is compliant though today’s LPR is lower', () => {
    // Q1: 100万 at 3.10% (LPR 3.10% all quarter); Q2: 200万 more at 3.00% (lent after the cut).
    // YTD at Q2: 300万 at (100×3.10 + 200×3.00)/300 = 3.0333% → reported 3.03%.
    const j = judgePricing(lpr, 'oneYear', '2025-01-01', [{ end: '2025-03-31', amount: 100 }, { end: '2025-06-30', amount: 300 }], 0.0303, TOL);
    expect(j.status).toBe('compliant');
    // benchmark = (100×3.10 + 200×(49×3.10 + 42×3.00)/91)/300 = 3.069231%; low end = 3.0333%, high end = 3.10%
    expect(j.benchmark).toBeCloseTo((100 * 0.031 + 200 * ((49 * 0.031 + 42 * 0.03) / 91)) / 300, 12);
    expect(j.low).toBeCloseTo(0.030333333, 8);
    expect(j.high).toBeCloseTo(0.031, 12);
    expect(j.spreadBp).toBe(-3.9);
    expect(j.stretches.map((s) => [s.from, s.to, s.amount])).toEqual([
      ['2025-01-01', '2025-03-31', 100],
      ['2025-04-01', '2025-06-30', 200],
    ]);
    // Set against the LPR at the quarter end (3.00%), as the old check did, the same bank would have failed.
    expect(0.0303 > 0.03).toBe(true);
  });

  it('above the highest LPR of the stretch is above; between its ends needs the loan list; none lent, none judged', () => {
    const q2 = [{ end: '2025-03-31', amount: 0 }, { end: '2025-06-30', amount: 100 }];
    expect(judgePricing(lpr, 'fiveYear', '2025-01-01', q2, 0.037, TOL).status).toBe('above');
    // 3.70% − (49×3.60 + 42×3.50)/91 = 3.70% − 3.553846% = 14.6BP
    expect(judgePricing(lpr, 'fiveYear', '2025-01-01', q2, 0.037, TOL).spreadBp).toBe(14.6);
    // Without the Q1 report the stretch starts on 01-01: 3.70% − (139×3.60 + 42×3.50)/181 = 12.3BP
    expect(judgePricing(lpr, 'fiveYear', '2025-01-01', q2.slice(1), 0.037, TOL).spreadBp).toBe(12.3);
    expect(judgePricing(lpr, 'oneYear', '2025-01-01', q2, 0.031, TOL).status).toBe('uncertain');
    expect(judgePricing(lpr, 'oneYear', '2025-01-01', q2, 0.03, TOL).status).toBe('compliant');
    expect(judgePricing(lpr, 'oneYear', '2025-01-01', [{ end: '2025-06-30', amount: 0 }], null, TOL).status).toBe('noIssuance');
    expect(judgePricing(lpr, 'oneYear', '2025-01-01', q2, null, TOL).status).toBe('noRate');
    expect(judgePricing(lpr, 'oneYear', '2025-01-01', [], null, TOL).status).toBe('noData');
    // After the table's last fixing nobody knows the LPR: not judged.
    expect(judgePricing(lpr, 'oneYear', '2026-01-01', [{ end: '2026-09-30', amount: 100 }], 0.03, TOL).status).toBe('noLpr');
    // A year-to-date amount revised below an earlier report's merges the stretches instead of going negative.
    const revised = judgePricing(lpr, 'oneYear', '2025-01-01', [{ end: '2025-03-31', amount: 120 }, { end: '2025-06-30', amount: 100 }], 0.031, TOL);
    expect(revised.stretches.map((s) => [s.from, s.to, s.amount])).toEqual([['2025-01-01', '2025-06-30', 100]]);
  });
});

describe('the pricing table from real report files', () => {
  let db: DB;
  let ctx: ServiceContext;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    ctx = openContext(join(dir, 'rfm.sqlite'));
    db = ctx.db;
    const pov = (le1y: number, le1yRate: number | null, to3y: number, to3yRate: number | null): Record<string, CellSpec> => ({
      pov_ytd: le1y + to3y,
      pov_new_le1y: le1y,
      pov_new_le1y_rate: le1yRate === null ? null : { t: 'n', v: le1yRate, z: '0.00%' },
      pov_new_1to3y: to3y,
      pov_new_1to3y_rate: to3yRate === null ? null : { t: 'n', v: to3yRate, z: '0.00%' },
    });
    const batches: [string, string, NamedReport[]][] = [
      ['2025Q1', '2025-04-03', [{ name: 'abc-q1.xlsx', institution: 'AK-ABC', quarter: '2025Q1', templateVersion: 'RV-2026.1', cells: pov(100, 0.031, 0, null) }]],
      [
        '2025Q2',
        '2025-07-03',
        [
          // ABC: 200万 more in Q2 at 3.00% → YTD 300万 at 3.03%; ICBC (no Q1 report: its stretch starts 01-01):
          // 200万 at 3.10% and 1–3年 100万 at 3.70%.
          { name: 'abc-q2.xlsx', institution: 'AK-ABC', quarter: '2025Q2', templateVersion: 'RV-2026.1', cells: pov(300, 0.0303, 0, null) },
          { name: 'icbc-q2.xlsx', institution: 'AK-ICBC', quarter: '2025Q2', templateVersion: 'RV-2026.1', cells: pov(200, 0.031, 100, 0.037) },
          // HBRCB still reports on the old form: no 当年新发放 by tenor.
          { name: 'hbrcb-q2.xlsx', institution: 'AK-HBRCB', quarter: '2025Q2', templateVersion: 'RV-2025.1' },
        ],
      ],
    ];
    await importBatches(db, dir, batches.map(([, received, specs]) => [received, specs]));
  });
  afterAll(() => closeContext(ctx));

  const row = (rows: PricingRow[], inst: string, tenor: string): PricingRow => rows.find((r) => r.institution === inst && r.tenor === tenor) as PricingRow;

  it('judges each bank and tenor against the LPR in force when it lent; the old form shows 无数据, not 0', () => {
    const t = pricingTable(db, { region: 'ankang', quarter: '2025Q2' });
    const pov = t.products.find((p) => p.id === 'pov');
    if (!pov) throw new Error('no pov product');
    expect(pov.judged).toBe(true);
    const abc = row(pov.rows, 'AK-ABC', 'le1y');
    expect([abc.amount, abc.rate, abc.status, abc.statusWord, abc.spreadBp]).toEqual([300, 0.0303, 'compliant', '不高于LPR', -3.9]);
    expect(abc.stretches.map((s) => s.lprWords)).toEqual(['3.10%（2024-12-20 公布）', '3.10%（2025-03-20 公布，04-01 至 05-19）；3.00%（2025-05-20 公布，05-20 至 06-30）']);
    expect(row(pov.rows, 'AK-ABC', '1to3y').status).toBe('noIssuance');
    expect(row(pov.rows, 'AK-ICBC', 'le1y').statusWord).toBe('需核实');
    const icbc3 = row(pov.rows, 'AK-ICBC', '1to3y');
    expect([icbc3.status, icbc3.spreadBp, icbc3.lprLabel]).toEqual(['above', 12.3, '5年期以上LPR']);
    const old = row(pov.rows, 'AK-HBRCB', 'le1y');
    expect([old.amount, old.rate, old.spreadBp, old.statusWord]).toEqual([null, null, null, '无数据']);
    expect(old.note).toBe('2025年第二季度报表为旧版（RV-2025.1），无当年新发放脱贫人口小额信贷分期限数据，无法判断');
    // 合计 over the banks with figures: 1年及以内 (300 + 200) = 500万 at (300×3.03 + 200×3.10)/500 = 3.058%
    const le1y = pov.totals.find((x) => x.tenor === 'le1y');
    expect(le1y?.banks).toBe(2);
    expect(le1y?.amount).toBe(500);
    expect(le1y?.rate).toBeCloseTo((300 * 0.0303 + 200 * 0.031) / 500, 12);
    expect([le1y?.compliant, le1y?.uncertain, le1y?.above]).toEqual([1, 1, 0]);
    // 普惠型涉农 is monitored (spread shown), not judged.
    const inc = t.products.find((p) => p.id === 'inclusive_agri');
    expect(inc?.judged).toBe(false);
    expect(row(inc?.rows ?? [], 'AK-ICBC', 'le1y').statusWord).toBe('监测');
    expect(t.definition.join('')).toContain('1年以上至3年（含）的对5年期以上LPR');
    expect(pricingParagraphs(t)[0]).toContain('高于发放时LPR的有中国工商银行安康分行');
  });

  it('the 安康 §4 target names the bank above the LPR and leaves the old form undecided', () => {
    const lprTarget = evaluateTargets(db, { region: 'ankang', quarter: '2025Q2' }).find((x) => x.id === 'ak-pov-lpr');
    expect(lprTarget?.status).toBe('落后');
    expect(lprTarget?.detailKind).toBe('bp');
    expect(lprTarget?.details.map((d) => [d.institution, d.met, d.value === null ? null : Math.round(d.value * 100000) / 10])).toEqual([
      ['AK-ABC', true, -3.9],
      ['AK-HBRCB', null, null],
      ['AK-ICBC', false, 12.3],
    ]);
    expect(lprTarget?.figures).toContain('中国工商银行安康分行 1年及以内加点');
    expect(lprTarget?.figures).toContain('1年以上至3年加点 12.3BP（高于LPR）');
  });

  it('the handlers: the table, its export with the definition under it, and the LPR table with its sources', async () => {
    const h = createHandlers(ctx);
    const t = must(await h['pricing.table']({ region: 'ankang' }, {}));
    expect(t.quarter).toBe('2025Q2');
    const out = join(dir, '利率定价.xlsx');
    must(await h['pricing.export']({ region: 'ankang', quarter: '2025Q2', out }, {}));
    const wb = XLSX.readFile(out);
    expect(wb.SheetNames).toEqual(['安康市脱贫人口小额信贷', '安康市普惠型涉农贷款']);
    const cells = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['安康市脱贫人口小额信贷'] as XLSX.WorkSheet, { header: 1, raw: false }).flat().join('|');
    expect(cells).toContain('安康市当年新发放脱贫人口小额信贷利率与发放时LPR对照表');
    expect(cells).toContain('高于LPR');
    expect(cells).toContain('旧版（RV-2025.1）');
    const l = must(await h['pricing.lpr']({}, {}));
    expect(l.months[0]).toEqual({ month: '2019-08', date: '2019-08-20', oneYear: 0.0425, fiveYear: 0.0485, sources: ['hongyunlai', 'scmp-2019-08'] });
    expect(l.months.every((m) => m.sources.every((s) => l.sources.some((x) => x.id === s)) && m.sources.length > 0)).toBe(true);
    expect(l.unconfirmed).toContain('2026年6月及以后的报价未能');
    // 数据来源 of the target: each bank and tenor with its spread, down to the cells of its report.
    const e = must(await h['figure.explain']({ kind: 'target', region: 'ankang', target: 'ak-pov-lpr', quarter: '2025Q2' }, {}));
    expect(e.components.map((c) => [c.label, c.display])).toEqual([
      ['中国农业银行安康分行 · 1年及以内', '3.03%，发放时1年期LPR 3.07%，加点 -3.9BP，不高于LPR'],
      ['陕西汉滨农村商业银行 · 1年及以内', '2025年第二季度报表为旧版（RV-2025.1），无当年新发放脱贫人口小额信贷分期限数据，无法判断'],
      ['陕西汉滨农村商业银行 · 1年以上至3年', '2025年第二季度报表为旧版（RV-2025.1），无当年新发放脱贫人口小额信贷分期限数据，无法判断'],
      ['中国工商银行安康分行 · 1年及以内', '3.10%，发放时1年期LPR 3.08%，加点 2.3BP，需核实'],
      ['中国工商银行安康分行 · 1年以上至3年', '3.70%，发放时5年期以上LPR 3.58%，加点 12.3BP，高于LPR'],
    ]);
    expect(e.comparable).toContain('发放时LPR');
    const cell = e.inputs.find((i) => i.file === 'abc-q2.xlsx' && i.key === 'pov_new_le1y_rate');
    expect([cell?.value, cell?.display]).toEqual([0.0303, '3.03%']);
    expect(cell?.cell).toMatch(/^[A-Z]+[0-9]+$/);
  });

  it('the Word draft and the data workbook carry the comparison, in words and as a table', async () => {
    const h = createHandlers(ctx);
    const packDir = join(dir, 'pack');
    const pack = must(await h['charts.pack']({ quarter: '2025Q2', out: packDir, region: 'ankang', dpi: 72, date: '2025-07-10' }, {}));
    const xml = readZip(readFileSync(pack.report)).find((e) => e.name === 'word/document.xml')?.data.toString('utf8') ?? '';
    expect(xml).toContain('贷款定价与LPR对照情况');
    const words = pricingParagraphs(pricingTable(db, { region: 'ankang', quarter: '2025Q2' }));
    expect(xml).toContain(words[0]);
    expect(xml).toContain('安康市当年新发放脱贫人口小额信贷利率与发放时LPR对照表');
    const wb = XLSX.readFile(pack.tables);
    expect(wb.SheetNames).toContain('安康市脱贫人口小额信贷');
  }, 120_000);

  it('the CLI prints the table, the LPR table with its sources, and refuses an unknown option', async () => {
    const path = join(dir, 'rfm.sqlite');
    const r = await cli(['pricing', '--db', path, '--region', 'ankang', '--quarter', '2025Q2']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('中国工商银行安康分行');
    expect(r.out).toContain('+12.3BP');
    expect(r.out).toContain('旧版（RV-2025.1）');
    const l = await cli(['pricing', '--db', path, '--lpr']);
    expect(l.code).toBe(0);
    expect(l.out).toMatch(/2025-05\s+2025-05-20\s+3\.00%\s+3\.50%/);
    expect((await cli(['pricing', '--db', path, '--tenor', 'x'])).code).toBe(2);
  });
});
