/**
 * Benchmark part for the workbench: the built renderer in headless Chromium over
 * the imported sample database — time from page load to 首页 drawn (its figures
 * on screen), then the time to switch to each page until its data is drawn.
 */
import type { BenchContext, BenchRow } from './types';
import { startHarness } from '../e2e/harness';

const READY = '.page[data-ready=true]';

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const h = await startHarness(ctx.dbPath);
  const rows: BenchRow[] = [];
  try {
    const page = h.page;
    const t0 = performance.now();
    await page.goto(`${h.origin}/index.html#/home`);
    await page.locator(READY).waitFor({ timeout: 120_000 });
    rows.push({ metric: `首页：加载到绘制完成（${ctx.scale}x）`, value: Math.round(performance.now() - t0), unit: 'ms' });

    const titles = await page.locator('nav.sidebar li button').allInnerTexts();
    for (let i = 0; i < titles.length; i++) {
      const title = (titles[i] ?? '').replace(/^\S\s*/u, '').trim();
      const button = page.locator('nav.sidebar li button').nth(i);
      if ((await button.getAttribute('aria-current')) === 'page') continue;
      const t = performance.now();
      await button.click();
      await page.locator(`${READY}`).waitFor({ timeout: 120_000 });
      rows.push({ metric: `切换到「${title}」（${ctx.scale}x，首次打开）`, value: Math.round(performance.now() - t), unit: 'ms' });
    }
    // Back to 首页: kept alive, so this is the cost of switching between open pages.
    const home = page.locator('nav.sidebar li button').first();
    const t = performance.now();
    await home.click();
    await page.locator(READY).waitFor();
    rows.push({ metric: `切回「首页」（${ctx.scale}x，已打开过）`, value: Math.round(performance.now() - t), unit: 'ms' });
  } finally {
    await h.close();
  }
  return rows;
}
