/**
 * The LPR after the shipped table: resources/lpr/lpr.json is confirmed to 2026-05 (the 2026-05-20
 * fixing, in force to 2026-06-19). A loan made after that has no LPR — the figure says so and
 * how the analyst adds it — rather than the last rate carried on. The analyst enters each later
 * month as published, with its source, in 机构与设置 → LPR报价 (audited); only the next month, on
 * the 20th or a few days after, in 5BP steps. The rates entered here are the test's own numbers
 * (2.95% / 3.45%, chosen to differ from the last shipped month), not published fixings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { DB } from '../../src/services/db/database';
import { pricingTable } from '../../src/services/pricing';
import { evaluateTargets } from '../../src/services/targets';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { listAudit } from '../../src/services/db/audit';
import { fixedClock, setClock, type Clock } from '../../src/domain/clock';
import { must } from '../helpers/result';
import { tempDir, type CellSpec } from '../import/fixtures';
import { importBatches } from '../helpers/importBatches';

const pct = (v: number): CellSpec => ({ t: 'n', v, z: '0.00%' });

describe('a loan made after the LPR table ends', () => {
  let ctx: ServiceContext;
  let db: DB;
  let before: Clock;
  beforeAll(async () => {
    before = setClock(fixedClock('2026-10-12T10:00:00+08:00'));
    const dir = tempDir();
    ctx = openContext(join(dir, 'rfm.sqlite'));
    db = ctx.db;
    // 2026Q3: 200万 of 1-year 贴息贷款 at 1.45%, all lent in 2026 (the first report of the year).
    const cells = { agri_subsidy_new: 200, agri_subsidy_new_rate: pct(0.0145), agri_subsidy_new_le1y: 200, agri_subsidy_new_le1y_rate: pct(0.0145), agri_subsidy_new_gt1y: 0, cover_fill_date: '2026-10-08' };
    await importBatches(db, dir, [['2026-10-09', [{ name: 'cqrcb-2026q3.xlsx', institution: 'BS-CQRCB', quarter: '2026Q3', templateVersion: 'RV-2026.2', cells }]]]);
  });
  afterAll(() => {
    closeContext(ctx);
    setClock(before);
  });

  it('is not judged on the last shipped rate: the row, the table and the target say which months are missing and where to add them', () => {
    const t = pricingTable(db, { region: 'bishan', quarter: '2026Q3' });
    expect(t.lprCoveredUntil).toBe('2026-06-19');
    expect(t.lprMissing).toContain('2026年6月及以后的LPR尚未载入');
    expect(t.lprMissing).toContain('「机构与设置 → LPR报价」');
    const row = t.products.find((p) => p.id === 'agri_subsidy')?.rows.find((r) => r.institution === 'BS-CQRCB' && r.tenor === 'le1y');
    expect([row?.status, row?.statusWord, row?.benchmark, row?.spreadBp]).toEqual(['noLpr', 'LPR未录入', null, null]);
    expect(row?.note).toContain('此后发放的贷款不作判断');
    const target = evaluateTargets(db, { region: 'bishan', quarter: '2026Q3' }).find((x) => x.id === 'bs-subsidy-lpr');
    expect(target?.status).toBe('无数据');
    expect(target?.figures).toContain('LPR未录入');
  });

  it('the analyst adds the next months as published, with a source; the figure is then judged on them', async () => {
    const h = createHandlers(ctx);
    const start = must(await h['pricing.lpr']({}, {}));
    expect([start.next, start.coveredUntil]).toEqual(['2026-06', '2026-06-19']);
    const base = { month: '2026-06', date: '2026-06-22', oneYear: 2.95, fiveYear: 3.45, source: '测试用报价（非公布数）' };
    const refused = async (args: typeof base): Promise<string> => {
      const r = await h['pricing.lprAdd'](args, {});
      if (r.ok) throw new Error('accepted');
      return r.error.code;
    };
    // A gap, a date before the 20th, a rate off the 5BP step or typed as a fraction, no source: refused, nothing written.
    expect(await refused({ ...base, month: '2026-07', date: '2026-07-20' })).toBe('E_LPR_MONTH');
    expect(await refused({ ...base, month: '2026-05', date: '2026-05-20' })).toBe('E_LPR_MONTH');
    expect(await refused({ ...base, date: '2026-06-19' })).toBe('E_LPR_DATE');
    expect(await refused({ ...base, date: '2026-07-01' })).toBe('E_LPR_DATE');
    expect(await refused({ ...base, oneYear: 2.97 })).toBe('E_LPR_RATE');
    expect(await refused({ ...base, fiveYear: 0.0345 })).toBe('E_LPR_RATE');
    expect(await refused({ ...base, source: '  ' })).toBe('E_LPR_SOURCE');
    expect(db.prepare('SELECT COUNT(*) AS n FROM lpr_fixings').get()).toEqual({ n: 0 });

    for (const [month, date] of [['2026-06', '2026-06-22'], ['2026-07', '2026-07-20'], ['2026-08', '2026-08-20']]) must(await h['pricing.lprAdd']({ ...base, month: month as string, date: date as string }, {}));
    // Through 2026-08 the table reaches 09-19: a Q3 loan may still fall after it.
    const t = pricingTable(db, { region: 'bishan', quarter: '2026Q3' });
    expect(t.lprCoveredUntil).toBe('2026-09-19');
    expect(t.products.find((p) => p.id === 'agri_subsidy')?.rows.find((r) => r.institution === 'BS-CQRCB')?.status).toBe('noLpr');
    const l = must(await h['pricing.lprAdd']({ ...base, month: '2026-09', date: '2026-09-21' }, {}));
    expect(l.next).toBe('2026-10');
    expect(l.months.at(-1)).toMatchObject({ month: '2026-09', date: '2026-09-21', oneYear: 0.0295, fiveYear: 0.0345, entered: { by: expect.any(String) } });
    expect(l.sources.find((s) => s.id === l.months.at(-1)?.sources[0])?.title).toBe('测试用报价（非公布数）（分析人员录入）');

    // Now judged: 2026-01-01..05-19 at 50% × 3.00% = 1.50%, 05-20..06-21 the same, then 50% × 2.95% = 1.475%.
    const row = pricingTable(db, { region: 'bishan', quarter: '2026Q3' }).products.find((p) => p.id === 'agri_subsidy')?.rows.find((r) => r.institution === 'BS-CQRCB' && r.tenor === 'le1y');
    expect(row?.status).toBe('compliant');
    expect(row?.low).toBeCloseTo(0.01475, 12);
    expect(row?.high).toBeCloseTo(0.015, 12);
    expect(row?.stretches[0]?.lprWords).toContain('1.475%（50% × 2.95%）（2026-06-22 公布');
    expect(listAudit(db).filter((a) => a.action === 'lpr.add').map((a) => a.entityId)).toEqual(['2026-09', '2026-08', '2026-07', '2026-06']);
  });

  it('only the last entered month can be withdrawn, with a reason; the shipped months never', async () => {
    const h = createHandlers(ctx);
    const code = async (month: string, reason: string): Promise<string> => {
      const r = await h['pricing.lprRemove']({ month, reason }, {});
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code('2026-07', '录错')).toBe('E_LPR_REMOVE');
    expect(await code('2026-05', '录错')).toBe('E_LPR_REMOVE');
    expect(await code('2026-09', ' ')).toBe('E_LPR_REASON');
    expect(await code('2026-09', '5年期以上报价录错')).toBe('ok');
    const l = must(await h['pricing.lpr']({}, {}));
    expect([l.next, l.coveredUntil]).toEqual(['2026-09', '2026-09-19']);
    const entry = listAudit(db).find((a) => a.action === 'lpr.remove');
    expect(entry?.detail).toMatchObject({ month: '2026-09', reason: '5年期以上报价录错', before: { date: '2026-09-21', oneYear: 0.0295 } });
  });
});
