/**
 * 审计日志: the log's entries in words, filtered by local date, category, 操作人 and text, and
 * exported as a table holding every matching entry — through the real handlers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { fixedClock, setClock } from '../../src/domain/clock';
import { must } from '../helpers/result';

let dir: string;
let ctx: ServiceContext;
let h: ReturnType<typeof createHandlers>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rfm-audit-'));
  ctx = openContext(join(dir, 'rfm.sqlite'));
  h = createHandlers(ctx);
});
afterEach(() => {
  closeContext(ctx);
  rmSync(dir, { recursive: true, force: true });
  setClock(fixedClock(process.env['RFM_NOW'] ?? '2026-01-06T10:00:00+08:00'));
});

describe('审计日志', () => {
  it('shows who changed what and when, in words, filtered and exported', async () => {
    setClock(fixedClock('2026-01-05T23:30:00+08:00'));
    must(await h['settings.setLocalUser']({ name: '王分析' }, {}));
    setClock(fixedClock('2026-01-06T00:30:00+08:00'));
    const item = must(await h['assessment.qualitativeGrid']({ region: 'ankang', year: 2025 }, {})).items[0];
    must(await h['assessment.setQualitative']({ institution: 'AK-ABC', year: 2025, item: item?.id ?? '', score: 3, reason: '落实再贷款政策到位' }, {}));

    const all = must(await h['audit.list']({}, {}));
    const qual = all.rows.find((r) => r.action === 'qualitative.set');
    expect(qual).toMatchObject({ actor: '王分析', actionLabel: '定性评分', categoryLabel: '考核评分' });
    // The detail and the object in words, not as stored (no JSON, no table names).
    expect(qual?.detail).toBe('修改前：无；修改后：（得分：3，理由：落实再贷款政策到位）');
    expect(qual?.target).toBe(`定性评分 AK-ABC/2025/${item?.id ?? ''}`);
    expect(all.actors).toContain('王分析');

    // By category, by text (the label as shown or the detail as stored), by 操作人.
    const score = must(await h['audit.list']({ category: 'score' }, {}));
    expect(score.rows.some((r) => r.action === 'qualitative.set')).toBe(true);
    expect(score.rows.every((r) => r.categoryLabel === '考核评分')).toBe(true);
    expect(score.total).toBeLessThan(all.total);
    expect(must(await h['audit.list']({ search: '再贷款' }, {})).rows.map((r) => r.action)).toEqual(['qualitative.set']);
    expect(must(await h['audit.list']({ search: '定性评分' }, {})).rows.map((r) => r.action)).toEqual(['qualitative.set']);
    expect(must(await h['audit.list']({ actor: '无此人' }, {})).total).toBe(0);

    // Dates are the analyst's calendar days (the set-up entries of the seed came earlier the same run).
    const day6 = must(await h['audit.list']({ from: '2026-01-06', to: '2026-01-06' }, {}));
    expect(day6.rows.some((r) => r.action === 'qualitative.set')).toBe(true);
    expect(day6.rows.some((r) => r.action === 'settings.localUser')).toBe(false);
    const day5 = must(await h['audit.list']({ from: '2026-01-05', to: '2026-01-05' }, {}));
    expect(day5.rows.some((r) => r.action === 'settings.localUser')).toBe(true);
    expect(day5.rows.some((r) => r.action === 'qualitative.set')).toBe(false);

    const bad = await h['audit.list']({ from: '2026-13-40' }, {});
    expect(bad.ok ? '' : bad.error.message).toBe('起始日期「2026-13-40」不是有效日期，请填写如 2026-01-15。');

    const out = join(dir, '审计日志.xlsx');
    const written = must(await h['audit.export']({ category: 'score', out }, {}));
    expect(written.rows).toBe(score.total);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    const text: string[] = [];
    ws?.eachRow((row) => row.eachCell((c) => text.push(String(c.value))));
    expect(text.join('|')).toContain('审计日志');
    expect(text).toContain('定性评分');
    expect(text).toContain('王分析');
    expect(text).toContain('2026-01-06 00:30');
  });
});
