/**
 * The sample data's fictional bank (汉阴县示例村镇银行, `example` in the institution catalogue)
 * through the real handler table over real database files: a new install's registry has no
 * fake bank; its report files are refused with a Chinese reason there; loading the sample data
 * registers it marked 示例, and then it is not 应报 (status counts, the 报送 target, the 催报通知)
 * and takes no place in the ranking, the per-institution charts or the score workbook — until
 * an analyst makes it real (new name and code, audited with 本机使用人, the revision moves),
 * after which its reports are the real bank's and it is counted and ranked. A database seeded
 * before the mark existed gets it from the catalogue, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import type { HandlerTable } from '../../src/api/contract';
import { must } from '../helpers/result';
import type { InstitutionRow } from '../../src/api/types';

const EXAMPLE = 'AK-HYVB';
const EXAMPLE_NAME = '汉阴县示例村镇银行';

let work: string;
let ctx: ServiceContext;
let h: HandlerTable;

async function institutions(): Promise<InstitutionRow[]> {
  return must(await h['registry.institutions']({ includeInactive: true }, {}));
}

async function sheetTexts(path: string, sheet: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: string[] = [];
  wb.getWorksheet(sheet)?.eachRow((r) => r.eachCell((c) => out.push(String(c.value ?? ''))));
  return out;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'rfm-example-'));
  ctx = openContext(join(work, 'rfm.sqlite'));
  h = createHandlers(ctx);
  must(await h['settings.setLocalUser']({ name: '王分析' }, {}));
});

afterAll(() => {
  closeContext(ctx);
  rmSync(work, { recursive: true, force: true });
});

describe('the fictional sample bank', () => {
  it('is not in a new install: its report files are refused there in words', async () => {
    const list = await institutions();
    expect(list.map((i) => i.code)).not.toContain(EXAMPLE);
    expect(list).toHaveLength(16);
    expect(list.some((i) => i.example || i.name.includes('示例'))).toBe(false);

    // The sample files, written by a second database (the generator registers the bank there).
    const other = openContext(join(work, 'other.sqlite'));
    const files = must(await createHandlers(other)['sample.generate']({ out: join(work, 'files'), years: '2025' }, {})).files;
    closeContext(other);
    const own = files.filter((f) => f.includes(`_2025Q4_${EXAMPLE}_`));
    expect(own).toHaveLength(1);
    const r = must(await h['import.files']({ paths: own }, {}));
    expect(r.accepted).toBe(0);
    expect(r.rejected).toBe(1);
    const problems = r.files.flatMap((f) => f.errors.map((e) => e.message));
    expect(problems.join('\n')).toContain(`封面填报机构「${EXAMPLE_NAME}」是示例数据中的虚构机构，本机的机构名录中没有它`);
    expect((await institutions()).map((i) => i.code)).not.toContain(EXAMPLE);
  });

  it('comes with the sample data, marked 示例, and its reports import', async () => {
    const loaded = must(await h['sample.load']({ out: join(work, 'sample'), years: '2025' }, {}));
    expect(loaded.rejected).toBe(0);
    const ex = (await institutions()).find((i) => i.code === EXAMPLE);
    expect(ex).toMatchObject({ name: EXAMPLE_NAME, example: true, active: true });
    const history = must(await h['history.list']({ institution: EXAMPLE, quarter: '2025Q4' }, {}));
    expect(history.length).toBeGreaterThan(0);
    // The CLI-facing name and the 数据来源 panel carry the mark.
    const explained = must(await h['figure.explain']({ kind: 'submission', institution: EXAMPLE, quarter: '2025Q4' }, {}));
    expect(JSON.stringify(explained)).toContain(`${EXAMPLE_NAME}（示例）`);
  });

  it('is not 应报: status counts, the 报送 target and the 催报通知 leave it out', async () => {
    const m = must(await h['status.matrix']({ quarter: '2025Q4', region: 'ankang' }, {}));
    expect(m.institutions.find((i) => i.code === EXAMPLE)?.example).toBe(true);
    const real = m.institutions.filter((i) => !i.example);
    const t = m.totals[0];
    expect(t && t.reported + t.missing).toBe(real.length);
    expect(m.cells.some((c) => c.institution === EXAMPLE && c.state !== '未报')).toBe(true);

    // 2026Q1: nobody has reported; the chase list names the real banks only.
    const next = must(await h['status.matrix']({ quarter: '2026Q1', region: 'ankang' }, {}));
    expect(next.totals[0]?.missing).toBe(real.length);
    const chase = must(await h['status.chaseNotice']({ region: 'ankang', quarter: '2026Q1', out: join(work, '催报通知.xlsx'), format: 'xlsx' }, {}));
    expect(chase.items).toBe(real.length);
    expect((await sheetTexts(chase.path, (await firstSheet(chase.path)) ?? '')).join('\n')).not.toContain(EXAMPLE_NAME);

    const reports = must(await h['targets.evaluate']({ region: 'ankang', quarter: '2026Q1' }, {})).find((x) => x.goalText.includes('每季后5日内'));
    expect(reports?.figures).toContain(`应报 ${real.length} 家`);
    expect(reports?.figures).not.toContain(EXAMPLE_NAME);

    const exported = must(await h['status.export']({ quarter: '2025Q4', region: 'ankang', out: join(work, '报送情况.xlsx') }, {}));
    const texts = await sheetTexts(exported.path, '报送情况');
    expect(texts).toContain(`${EXAMPLE_NAME}（示例）`);
  });

  it('takes no place in the ranking, the per-institution charts or the score workbook', async () => {
    const score = must(await h['assessment.score']({ region: 'ankang', year: 2025, save: false }, {}));
    expect(score.results.map((r) => r.institution)).not.toContain(EXAMPLE);
    expect(score.examples).toEqual([{ institution: EXAMPLE, institutionName: `${EXAMPLE_NAME}（示例）` }]);
    expect(Math.max(...score.results.map((r) => r.overallRank))).toBeLessThanOrEqual(score.results.length);
    const grid = must(await h['assessment.qualitativeGrid']({ region: 'ankang', year: 2025 }, {}));
    expect(grid.institutions.map((i) => i.code)).not.toContain(EXAMPLE);

    const out = join(work, '考核评估.xlsx');
    must(await h['assessment.exportScores']({ region: 'ankang', year: 2025, out }, {}));
    const summary = await sheetTexts(out, '考核结果汇总');
    expect(summary).toContain(`示例机构不参加排名、不评等次：${EXAMPLE_NAME}（示例）（在「机构与设置」中转为正式机构后参加）。`);
    expect(summary.filter((t) => t === EXAMPLE_NAME || t === `${EXAMPLE_NAME}（示例）`)).toEqual([]);

    for (const id of ['loans.growthByInstitution', 'chain.institutions']) {
      const option = must(await h['charts.option']({ id, params: { quarter: '2025Q4', region: 'ankang', chain: 'selenium_tea' } }, {}));
      expect(JSON.stringify(option)).not.toContain('示例');
    }
  });

  it('is made real in 机构与设置: asked for its real name and code, audited, then counted and ranked', async () => {
    const before = must(await h['data.revision']({}, {})).revision;
    const ex = (await institutions()).find((i) => i.code === EXAMPLE);
    if (!ex) throw new Error('no example');
    const keepName = await h['registry.makeReal']({ code: EXAMPLE, institution: { ...ex, code: 'AK-HYRB' } }, {});
    expect(keepName.ok ? '' : keepName.error.message).toBe(`请填写该机构的真实全称：「${EXAMPLE_NAME}」是示例机构的名称。`);
    const notExample = await h['registry.makeReal']({ code: 'AK-ABC', institution: { ...ex, code: 'AK-ABC', name: '某银行' } }, {});
    expect(notExample.ok ? '' : notExample.error.code).toBe('E_INST_NOT_EXAMPLE');
    const taken = await h['registry.makeReal']({ code: EXAMPLE, institution: { ...ex, code: 'AK-ABC', name: '陕西汉阴沪农商村镇银行' } }, {});
    expect(taken.ok ? '' : taken.error.code).toBe('E_INST_CODE_TAKEN');

    const made = must(await h['registry.makeReal']({ code: EXAMPLE, institution: { ...ex, code: 'ak-hyrb', name: '陕西汉阴沪农商村镇银行', aliases: ['汉阴沪农商村镇银行'] } }, {}));
    expect(made).toMatchObject({ code: 'AK-HYRB', name: '陕西汉阴沪农商村镇银行', example: false, aliases: ['汉阴沪农商村镇银行'] });
    expect(must(await h['data.revision']({}, {})).revision).toBeGreaterThan(before);
    const list = await institutions();
    expect(list.map((i) => i.code)).not.toContain(EXAMPLE);
    expect(list.some((i) => i.example)).toBe(false);
    // Its reports moved with it.
    expect(must(await h['history.list']({ institution: 'AK-HYRB', quarter: '2025Q4' }, {})).length).toBeGreaterThan(0);

    const audit = must(await h['audit.list']({ category: 'settings', search: '示例机构转为正式机构' }, {}));
    expect(audit.rows[0]).toMatchObject({ actor: '王分析', action: 'institution.make_real', actionLabel: '示例机构转为正式机构' });
    expect(audit.rows[0]?.detail).toContain(EXAMPLE_NAME);

    const m = must(await h['status.matrix']({ quarter: '2026Q1', region: 'ankang' }, {}));
    expect(m.totals[0]?.missing).toBe(m.institutions.length);
    const score = must(await h['assessment.score']({ region: 'ankang', year: 2025, save: false }, {}));
    expect(score.examples).toEqual([]);
    const ranked = score.results.find((r) => r.institution === 'AK-HYRB');
    expect(ranked?.rank).toBeGreaterThanOrEqual(1);
    expect(ranked?.institutionName).toBe('陕西汉阴沪农商村镇银行');
  });

  it('a database seeded before the mark existed gets it from the catalogue, once', () => {
    const path = join(work, 'old.sqlite');
    closeContext(openContext(path));
    // As an older release seeded it: the fictional bank registered as a real one.
    const raw = new Database(path);
    raw.prepare(`INSERT INTO institutions (code, name, type, region, county, legal_person, size, sample, example, active, created_at, updated_at)
                 VALUES (?, ?, '村镇银行', 'ankang', 'AK02', 1, '小型', 1, 0, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`).run(EXAMPLE, EXAMPLE_NAME);
    raw.prepare(`DELETE FROM meta WHERE key = 'examples_marked'`).run();
    raw.close();
    const again = openContext(path);
    const row = again.db.prepare('SELECT example FROM institutions WHERE code = ?').get(EXAMPLE) as { example: number };
    expect(row.example).toBe(1);
    // Made real (or renamed) later, it is never marked again.
    again.db.prepare('UPDATE institutions SET example = 0 WHERE code = ?').run(EXAMPLE);
    closeContext(again);
    const third = openContext(path);
    expect((third.db.prepare('SELECT example FROM institutions WHERE code = ?').get(EXAMPLE) as { example: number }).example).toBe(0);
    closeContext(third);
    expect(readFileSync(path).length).toBeGreaterThan(0);
  });
});

async function firstSheet(path: string): Promise<string | undefined> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets[0]?.name;
}
