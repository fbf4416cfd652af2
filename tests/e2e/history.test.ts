/**
 * 历史数据导入 end to end at an office screen's 1366×768: an analyst's wide summary
 * (merged 涉农贷款余额 over four quarters) chosen in the dialog, its proposed column
 * mapping shown with the values it would store, one column corrected in the page,
 * confirmed and imported as 补录 with each value's cell; the layout remembered; a
 * target's prior figure entered with its source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startHarness, ROOT, type Harness } from './harness';
import { writeHistoryBook } from '../history/helpers';
import { fixedClock, setClock, type Clock } from '../../src/domain/clock';
import { must } from '../helpers/result';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
let h: Harness;
let work: string;
let clock: Clock;

describe('历史数据导入 at 1366×768', () => {
  beforeAll(async () => {
    clock = setClock(fixedClock('2026-01-06T10:00:00+08:00'));
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'rfm-history-e2e-'));
    h = await startHarness(join(work, 'rfm.sqlite'), { width: 1366, height: 768 });
  });

  afterAll(async () => {
    await h?.close();
    setClock(clock);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('shows the proposed mapping with its values, takes a correction, imports on confirmation and remembers the layout', async () => {
    const file = writeHistoryBook(work, '璧山2024年涉农贷款汇总.xlsx', [
      {
        name: '涉农贷款',
        rows: [
          ['璧山区各银行2024年涉农贷款情况（万元）', null, null, null, null, null, null],
          ['机构名称', '涉农贷款余额', null, null, null, '涉农贷款当年累计发放额', '备注'],
          [null, '2024年一季度', '2024年二季度', '2024年三季度', '2024年末', '2024年末', null],
          ['农发行璧山支行', 1000, 1100, 1200, 1300, 150000, '含转贷'],
          ['璧山邮储', 90000, 95000, 98000, 100000, 40000, ''],
          ['重庆农商行璧山支行', '120,000', '121,500', '123,000', '125,800.5', '66,000', ''],
          ['合计', 211000, 217600, 222200, 227100.5, 256000, ''],
        ],
        merges: ['A1:G1', 'B2:E2', 'A2:A3', 'G2:G3'],
      },
    ]);
    const page = h.page;
    await page.goto(`${h.origin}/index.html#/history`);
    await page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
    expect(await page.locator('nav').innerText()).toContain('历史数据导入');
    h.dialogs.files.push([file]);
    await page.getByRole('button', { name: '选择文件…' }).click();
    const result = page.locator('section[aria-label=检查结果]');
    await expect.poll(() => result.innerText(), { timeout: 30_000 }).toContain('列对应关系待您核对确认');
    const text = await result.innerText();
    expect(text).toContain('系统推测，请核对');
    expect(text).toContain('涉农贷款余额 / 2024年三季度');
    expect(text).toContain('中国邮政储蓄银行璧山支行 98000 万元');
    expect(await page.getByRole('combobox', { name: '第 G 列对应的项目' }).inputValue()).toBe('');
    expect(await page.getByRole('textbox', { name: '第 D 列的报告期' }).inputValue()).toBe('2024Q3');
    // The analyst corrects one column: F is the year's 涉农 loans issued, but they keep it out this time.
    await page.getByRole('combobox', { name: '第 F 列对应的项目' }).selectOption('');
    await expect.poll(() => result.innerText()).toContain('已按您的修改');
    await page.screenshot({ path: join(SHOTS, 'history-mapping.png') });
    expect(must(await h.handlers['data.dump']({ quarter: '2024Q3' }, {}))).toEqual([]);

    await page.getByRole('button', { name: '确认对应关系并导入' }).click();
    await expect.poll(() => result.innerText(), { timeout: 30_000 }).toContain('已导入 12 个数值');
    expect(await result.innerText()).toContain('新增补录');
    const dump = must(await h.handlers['data.dump']({ quarter: '2024Q4' }, {}));
    expect(dump.find((d) => d.institution === 'BS-CQRCB' && d.key === 'agri_loans_bal')).toMatchObject({ value: 125800.5, sheet: '涉农贷款', cell: 'E6' });
    expect(dump.some((d) => d.key === 'agri_loans_ytd')).toBe(false);
    await expect.poll(() => page.locator('.page').innerText()).toContain('璧山2024年涉农贷款汇总.xlsx「涉农贷款」');

    // A prior figure for the 60亿 target, with its source.
    await page.getByRole('combobox', { name: '目标' }).selectOption('bs-adbc-60yi');
    expect(await page.getByRole('textbox', { name: '期间' }).inputValue()).toBe('2021-2024');
    await page.getByRole('textbox', { name: '金额（万元）' }).fill('450000');
    await page.getByRole('textbox', { name: '来源' }).fill('农发行璧山支行2025年1月书面报告');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('.page').innerText()).toContain('来源：农发行璧山支行2025年1月书面报告');
    expect(must(await h.handlers['targets.priors']({}, {}))).toMatchObject([{ target: 'bs-adbc-60yi', period: '2021-2024', amount: 450000 }]);
    await page.screenshot({ path: join(SHOTS, 'history-imported.png') });
    expect(h.pageErrors).toEqual([]);
    expect(h.offsiteRequests).toEqual([]);
  });
});
