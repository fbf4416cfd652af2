/**
 * 保存为新版本 through the real handler table over a real database file: the grid's figures
 * become the scheme's next version (the old one stays), scores move by the hand-worked
 * amount, a wrong total, an unordered cut-off, three decimals, a missing 修改说明 or a stale
 * base are refused in Chinese and change nothing, and the audit log says who changed which
 * figure from what to what. The CLI's `scheme --edit` reaches the same service, and an
 * imported file's changes are logged in the same words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import type { HandlerTable } from '../../src/api/contract';
import type { InstitutionResult, ScoreResult } from '../../src/api/assessment-types';
import { insertReport } from '../helpers/reports';
import { must } from '../helpers/result';
import { dumpConnection } from '../hardening/helpers/db-dump';
import { cli } from '../helpers/cli';
import { fixedClock, setClock, type Clock } from '../../src/domain/clock';

let work: string;
let dbPath: string;
let ctx: ServiceContext;
let h: HandlerTable;
let previousClock: Clock;

/** Year-end and start-of-year figures for a bank: 涉农 grows by agriGrowth, 各项 by totalGrowth. */
function bank(code: string, agri0: number, agriGrowth: number, total0: number, totalGrowth: number): void {
  insertReport(ctx.db, { institution: code, quarter: '2024Q4', values: { loans_total_bal: total0, agri_loans_bal: agri0, agri_npl_bal: agri0 * 0.02 } });
  for (const q of ['2025Q1', '2025Q2', '2025Q3'] as const) insertReport(ctx.db, { institution: code, quarter: q, values: { loans_total_bal: total0, agri_loans_bal: agri0 } });
  insertReport(ctx.db, {
    institution: code,
    quarter: '2025Q4',
    values: { loans_total_bal: total0 * (1 + totalGrowth), agri_loans_bal: agri0 * (1 + agriGrowth), agri_npl_bal: agri0 * (1 + agriGrowth) * 0.02 },
  });
}

function inst(r: ScoreResult, code: string): InstitutionResult {
  const x = r.results.find((i) => i.institution === code);
  if (!x) throw new Error(`${code} not scored`);
  return x;
}

function item(r: InstitutionResult, id: string): number {
  const x = r.indicators.find((i) => i.id === id);
  if (!x) throw new Error(`${id} not in ${r.institution}'s breakdown`);
  return x.score;
}

async function failureOf(p: Promise<{ ok: boolean; error?: { code: string; message: string } }>): Promise<{ code: string; message: string }> {
  const r = await p;
  if (r.ok || !r.error) throw new Error('expected a refusal');
  return r.error;
}

beforeAll(async () => {
  previousClock = setClock(fixedClock('2026-03-02T10:00:00+08:00'));
  work = mkdtempSync(join(tmpdir(), 'rfm-scheme-edit-'));
  dbPath = join(work, 'rfm.sqlite');
  ctx = openContext(dbPath);
  h = createHandlers(ctx);
  // ABC: 涉农 +12.3% (+7,380), ICBC: 涉农 +5% (+1,500); both in 大型银行组.
  bank('AK-ABC', 60000, 0.123, 100000, 0.081);
  bank('AK-ICBC', 30000, 0.05, 200000, 0.081);
  must(await h['settings.setLocalUser']({ name: '王晓明' }, {}));
  // 2024 is scored and saved under version 1: it keeps that version after the edit.
  must(await h['assessment.score']({ region: 'ankang', year: 2024 }, {}));
});

afterAll(() => {
  closeContext(ctx);
  rmSync(work, { recursive: true, force: true });
  setClock(previousClock);
});

async function revision(): Promise<number> {
  return must(await h['data.revision']({}, {})).revision;
}

describe('保存为新版本', () => {
  it('refuses a wrong total, unordered cut-offs, three decimals, a missing 说明 and a stale base, changing nothing', async () => {
    const before = dumpConnection(ctx.db);
    const rev = await revision();
    const base = { id: 'ankang-default', baseVersion: 1, note: '按2026年考核方案调整权重' };
    const total = await failureOf(h['assessment.saveScheme']({ ...base, points: { agri_increment: 8 } }, {}));
    expect(total).toMatchObject({ code: 'E_SCHEME_EDIT_INVALID' });
    expect(total.message).toBe('方案「安康市金融机构服务乡村振兴考核评估方案（默认）」的修改有误，未保存：定量指标分值合计 76 分，与设定的 75 分不符。');
    const order = await failureOf(h['assessment.saveScheme']({ ...base, cutoffs: [{ grade: '良好', min: 95 }] }, {}));
    expect(order.message).toContain('等次「良好」的分数线 95 分应低于「优秀」的 90 分');
    const above = await failureOf(h['assessment.saveScheme']({ ...base, cutoffs: [{ grade: '优秀', min: 120 }] }, {}));
    expect(above.message).toContain('等次「优秀」的分数线 120 分高于可得的最高总分 105 分');
    const decimals = await failureOf(h['assessment.saveScheme']({ ...base, points: { agri_increment: 7.125, agri_growth: 6.875 } }, {}));
    expect(decimals.message).toContain('评分项「agri_increment」的分值（max）最多两位小数');
    const negative = await failureOf(h['assessment.saveScheme']({ ...base, caps: { bonus: -1 } }, {}));
    expect(negative.message).toContain('加分项、扣分项的上限（cap）应为非负数');
    const unknown = await failureOf(h['assessment.saveScheme']({ ...base, points: { nope: 1 } }, {}));
    expect(unknown.message).toContain('方案中没有评分项「nope」');
    const note = await failureOf(h['assessment.saveScheme']({ ...base, note: '  ', points: { agri_increment: 8, agri_growth: 6 } }, {}));
    expect(note).toMatchObject({ code: 'E_SCHEME_NOTE' });
    expect(note.message).toContain('请填写修改说明');
    const stale = await failureOf(h['assessment.saveScheme']({ ...base, baseVersion: 0, points: { agri_increment: 8, agri_growth: 6 } }, {}));
    expect(stale).toMatchObject({ code: 'E_SCHEME_STALE' });
    expect(stale.message).toContain('已保存了第 1 版');
    const same = await failureOf(h['assessment.saveScheme']({ ...base, points: { agri_increment: 7 } }, {}));
    expect(same.message).toBe('方案「安康市金融机构服务乡村振兴考核评估方案（默认）」第 1 版的分值和等次划分都没有改动，未新建版本。');
    expect(dumpConnection(ctx.db)).toEqual(before);
    // Nothing written: no page has anything new to show.
    expect(await revision()).toBe(rev);
  });

  it('stores a changed weight as version 2: scores move by the hand-worked amount, 2024 keeps version 1, the audit says who changed what', async () => {
    const v1 = must(await h['assessment.score']({ region: 'ankang', year: 2025, save: false }, {}));
    expect(v1.schemeVersion).toBe(1);
    const rev = await revision();
    const saved = must(
      await h['assessment.saveScheme'](
        { id: 'ankang-default', baseVersion: 1, note: '按2026年考核方案调整权重：增量 8 分、增速 6 分', points: { agri_increment: 8, agri_growth: 6 }, cutoffs: [{ grade: '良好', min: 78.5 }] },
        {},
      ),
    );
    expect(saved).toMatchObject({ id: 'ankang-default', version: 2, baseVersion: 1, region: 'ankang' });
    expect(saved.changes).toEqual([
      { item: '贷款总量·「涉农贷款比年初增量」分值', before: '7 分', after: '8 分' },
      { item: '贷款总量·「涉农贷款比年初增速」分值', before: '7 分', after: '6 分' },
      { item: '等次「良好」分数线', before: '80 分', after: '78.50 分' },
    ]);
    expect(saved.pinnedYears).toEqual([{ year: 2024, version: 1 }]);
    // Every page reloads: the data revision moved.
    expect(await revision()).toBeGreaterThan(rev);

    // Both versions are kept, the new one with its 说明 and who saved it.
    const [summary] = must(await h['assessment.schemes']({ region: 'ankang' }, {}));
    expect(summary?.versions).toEqual([1, 2]);
    expect(summary?.history[1]).toMatchObject({ version: 2, createdBy: '王晓明', source: 'edit', note: '按2026年考核方案调整权重：增量 8 分、增速 6 分' });
    expect(must(await h['assessment.scheme']({ id: 'ankang-default', version: 1 }, {})).scheme.items.find((i) => i.id === 'agri_increment')?.max).toBe(7);
    const v2scheme = must(await h['assessment.scheme']({ id: 'ankang-default' }, {}));
    expect(v2scheme.version).toBe(2);
    expect(v2scheme.scheme.grading).toEqual({ method: 'score', cutoffs: [{ grade: '优秀', min: 90 }, { grade: '良好', min: 78.5 }, { grade: '一般', min: 60 }, { grade: '勉励', min: 0 }] });

    // A year without a saved result now scores with version 2.
    const v2 = must(await h['assessment.score']({ region: 'ankang', year: 2025, save: false }, {}));
    expect(v2.schemeVersion).toBe(2);
    // ABC has the group's best increment (8 of 8, was 7 of 7) and meets the 10% growth (6 of 6, was 7 of 7): its total stays.
    expect(item(inst(v2, 'AK-ABC'), 'agri_increment')).toBe(8);
    expect(item(inst(v2, 'AK-ABC'), 'agri_growth')).toBe(6);
    expect(inst(v2, 'AK-ABC').total).toBeCloseTo(inst(v1, 'AK-ABC').total, 10);
    // ICBC: increment 8 × 1,500 / 7,380 = 1.63 (was 7 × 1,500 / 7,380 = 1.42); growth 5% of 10%: 6 × 0.5 = 3 (was 3.5).
    const icbc1 = inst(v1, 'AK-ICBC');
    const icbc2 = inst(v2, 'AK-ICBC');
    expect([item(icbc1, 'agri_increment'), item(icbc2, 'agri_increment')]).toEqual([1.42, 1.63]);
    expect([item(icbc1, 'agri_growth'), item(icbc2, 'agri_growth')]).toEqual([3.5, 3]);
    expect(icbc2.total).toBeCloseTo(icbc1.total + 0.21 - 0.5, 10);

    // 2024 was saved under version 1 and says so; version 2 only when picked.
    expect(must(await h['assessment.score']({ region: 'ankang', year: 2024, save: false }, {})).schemeVersion).toBe(1);
    expect(must(await h['assessment.score']({ region: 'ankang', year: 2024, scheme: 'ankang-default@2', save: false }, {})).schemeVersion).toBe(2);

    // The audit log: who, and every figure before and after, in words.
    const log = must(await h['audit.list']({ search: '修改考核方案' }, {}));
    expect(log.rows).toHaveLength(1);
    const row = log.rows[0];
    expect(row).toMatchObject({ actor: '王晓明', action: 'scheme.edit', actionLabel: '修改考核方案（新版本）', categoryLabel: '考核评分', target: '考核方案 ankang-default@2' });
    expect(row?.detail).toContain('修改说明：按2026年考核方案调整权重：增量 8 分、增速 6 分');
    expect(row?.detail).toContain('修改自版本：1');
    expect(row?.detail).toContain('（项目：贷款总量·「涉农贷款比年初增量」分值，修改前：7 分，修改后：8 分）');
    expect(row?.detail).toContain('（项目：等次「良好」分数线，修改前：80 分，修改后：78.50 分）');
  });

  it('a cut-off moved regrades: 一般 lowered to a bank’s total lifts it from 勉励', async () => {
    const r = must(await h['assessment.score']({ region: 'ankang', year: 2025, save: false }, {}));
    const abc = inst(r, 'AK-ABC');
    // Put 一般 just above ABC's total, then just at it: the grade follows the line.
    const line = Math.floor(abc.total * 100) / 100;
    const before = abc.grade;
    expect(before).toBe('勉励');
    must(await h['assessment.saveScheme']({ id: 'ankang-default', baseVersion: 2, note: '一般等次分数线按本年实际下调', cutoffs: [{ grade: '一般', min: line }] }, {}));
    const after = must(await h['assessment.score']({ region: 'ankang', year: 2025, save: false }, {}));
    expect(after.schemeVersion).toBe(3);
    expect(inst(after, 'AK-ABC').grade).toBe('一般');
  });

  it('scheme --edit on the command line saves through the same checks; a file imported is logged with what it changed', async () => {
    closeContext(ctx);
    const bad = await cli(['scheme', '--db', dbPath, '--edit', 'ankang-default', '--set', 'agri_share=9', '--note', '试改']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('定量指标分值合计 76 分，与设定的 75 分不符');
    const ok = await cli(['scheme', '--db', dbPath, '--edit', 'ankang-default', '--set', 'agri_share=9,agri_share_stable=6', '--cutoffs', '优秀=88', '--note', '依据市分行2026年考核通知']);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('第 3 版的修改保存为第 4 版');
    expect(ok.out).toMatch(/等次「优秀」分数线\s*│?\s*90 分\s*│?\s*88 分/u);
    expect(ok.out).toContain('2024年的考核结果保存时用的是第 1 版');
    const noNote = await cli(['scheme', '--db', dbPath, '--edit', 'ankang-default', '--set', 'agri_share=8,agri_share_stable=7']);
    expect(noNote.code).toBe(1);
    expect(noNote.err).toContain('缺少参数 --note');
    const list = await cli(['scheme', '--db', dbPath, '--region', 'ankang']);
    expect(list.out).toMatch(/ankang-default.*1、2、3、4.*在「考核方案」中修改.*依据市分行2026年考核通知/u);
    ctx = openContext(dbPath);
    h = createHandlers(ctx);
    expect(must(await h['assessment.schemes']({ region: 'ankang' }, {}))[0]?.versions).toEqual([1, 2, 3, 4]);
    // A file imported from another office is logged with what it changed in the same words.
    const file = join(work, '汉中市方案.json');
    must(await h['assessment.exportScheme']({ out: file, id: 'ankang-default' }, {}));
    const text = readFileSync(file, 'utf8').replace('"max": 8,', '"max": 7.5,').replace('"max": 9,', '"max": 9.5,');
    writeFileSync(file, text);
    must(await h['assessment.importScheme']({ path: file }, {}));
    const [entry] = must(await h['audit.list']({ search: '汉中市方案.json' }, {})).rows;
    expect(entry?.detail).toContain('（项目：贷款总量·「涉农贷款比年初增量」分值，修改前：8 分，修改后：7.50 分）、（项目：贷款比重·「涉农贷款占各项贷款比重」分值，修改前：9 分，修改后：9.50 分）');
  });
});
