/**
 * No page shows a figure from before the last change (issue 11, 「Current data, always」).
 *
 * The workbench in headless Chromium over a real database, at an office screen's
 * 1366×768. Every page is visited first (so each holds what it loaded), then every
 * kind of change is made — from the window, by the handlers (as another window would),
 * and by a second process (the CLI) writing the same database file — and after each one
 * every page is visited again by the sidebar (no reload of the window) and its figures
 * are compared with what the handlers return now. The page in view must follow a change
 * made elsewhere without being touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { ManifestFile } from './files';
import { startHarness, ROOT, SERVICES_NOW, type Harness } from './harness';
import { runTs, CLI } from '../hardening/helpers/spawn';
import { formatAmountAuto, formatPercent } from '../../src/domain/present/number';
import { labelOfQuarter } from '../../src/domain/present/periods';
import type { Scheme } from '../../src/domain/assessment/types';
import type { FileAck } from '../../src/api/types';
import { issueKey } from '../../src/domain/import/issueKey';

const SHOTS = join(ROOT, 'tests/e2e/screenshots');
const REGION = 'ankang';
/** What the status page shows by default with the services' today (2026-02-10): the due quarter 2025Q4 and the seven before. */
const STATUS_FROM = '2024Q1';
const STATUS_TO = '2025Q4';

let h: Harness;
let work: string;
let sampleDir: string;
let files: ManifestFile[];

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const POLL = { timeout: 15_000, interval: 250 };

/** Opens a page as the analyst does, by the sidebar (the window is never reloaded). */
async function go(title: string): Promise<void> {
  await h.page.locator('nav.sidebar').getByRole('button', { name: title, exact: true }).click();
  await h.page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
}

async function pageText(): Promise<string> {
  return h.page.locator('.page').innerText();
}

async function latest(): Promise<string | null> {
  return must(await h.handlers['data.latestQuarter']({ region: REGION }, {})).quarter;
}

// ---- what each page must show now, computed from the handlers ----

async function expectHome(): Promise<void> {
  await go('首页');
  const q = await latest();
  if (!q) {
    await expect.poll(pageText, POLL).toContain('还没有报送数据');
    return;
  }
  const rows = must(await h.handlers['indicators.compute']({ quarter: q, region: REGION, scopes: ['region'], ids: ['agri_loans_bal', 'agri_loans_growth'] }, {}));
  const value = (id: string): number | null => rows.find((r) => r.id === id)?.value ?? null;
  const totals = must(await h.handlers['status.matrix']({ quarter: q, region: REGION }, {})).totals.find((t) => t.quarter === q);
  const want = [labelOfQuarter(q), formatAmountAuto(value('agri_loans_bal')).text, formatPercent(value('agri_loans_growth'), 2), `${totals?.reported} / ${(totals?.reported ?? 0) + (totals?.missing ?? 0)}`];
  await expect.poll(async () => { const t = await pageText(); return want.filter((w) => !t.includes(w)); }, POLL).toEqual([]);
}

async function expectImport(): Promise<void> {
  await go('数据导入');
  const batches = must(await h.handlers['batch.list']({ limit: 5 }, {}));
  const list = h.page.locator('.panel', { hasText: '导入批次' }).locator('.dt-body');
  if (batches.length === 0) {
    await expect.poll(() => list.innerText(), POLL).toContain('还没有导入过报表');
    return;
  }
  const newest = batches[0];
  const firstRow = list.locator('[role=row]').first();
  await expect.poll(async () => (await firstRow.locator('[role=cell]').first().innerText()).trim(), POLL).toBe(String(newest?.id));
  await expect.poll(() => firstRow.innerText(), POLL).toContain(newest?.status === 'committed' ? '已生效' : '已回滚');
}

async function expectStatus(): Promise<void> {
  await go('报送情况');
  const m = must(await h.handlers['status.matrix']({ from: STATUS_FROM, to: STATUS_TO, region: REGION }, {}));
  const want = m.totals.map((t) => `${labelOfQuarter(t.quarter)}\n已报 ${t.reported}\n逾期 ${t.late}\n未报 ${t.missing}`);
  await expect.poll(async () => (await h.page.locator('.totals .total').allInnerTexts()).map((x) => x.split('\n').slice(0, 4).join('\n')), POLL).toEqual(want);
}

async function expectChains(): Promise<void> {
  await go('产业链');
  const q = await latest();
  if (!q) {
    await expect.poll(pageText, POLL).toContain('还没有');
    return;
  }
  const region = must(await h.handlers['registry.regions']({}, {})).find((r) => r.code === REGION);
  const chain = region?.chains[0]?.code ?? '';
  const built = must(await h.handlers['charts.option']({ id: 'chain.institutions', params: { quarter: q, chain }, amountUnit: 'auto' }, {}));
  const card = h.page.locator('.chart-card[data-chart="chain.institutions"]');
  await expect.poll(() => card.locator('h3').innerText(), POLL).toBe(built.title);
  const toggle = card.getByRole('button', { name: '数据表' });
  if ((await toggle.count()) > 0) await toggle.click();
  const axis = built.option.yAxis as { data: string[] };
  const firstBar = (built.option.series as { data: { label: { formatter: string } }[] }[])[0]?.data[0]?.label.formatter ?? '';
  await expect.poll(() => card.locator('.dt-body').innerText(), POLL).toContain(axis.data[0] ?? '');
  await expect.poll(() => card.locator('.dt-body').innerText(), POLL).toContain(firstBar);
}

/** The year 考核评估 opens with: the latest year whose fourth quarter has reports. */
function assessmentYear(q: string | null): number {
  if (!q) return 2025;
  return q.endsWith('Q4') ? Number(q.slice(0, 4)) : Number(q.slice(0, 4)) - 1;
}

async function expectAssessment(): Promise<void> {
  await go('考核评估');
  const year = assessmentYear(await latest());
  await expect.poll(() => h.page.getByRole('combobox', { name: '考核年度' }).inputValue(), POLL).toBe(String(year));
  const score = must(await h.handlers['assessment.score']({ region: REGION, year, save: false }, {}));
  const ranking = h.page.locator('.panel', { hasText: '年度考核评估排名' }).locator('.dt-body');
  const reported = must(await h.handlers['status.matrix']({ from: `${year}Q1`, to: `${year}Q4`, region: REGION }, {})).totals.reduce((n, t) => n + t.reported, 0);
  if (score.results.length === 0 || reported === 0) {
    // A year without reports: no ranking, no grades (not every bank at 0.00 / 勉励).
    await expect.poll(pageText, POLL).toContain(`${year}年度还没有报送数据`);
    expect(await ranking.count()).toBe(0);
    return;
  }
  const top = [...score.results].sort((a, b) => a.overallRank - b.overallRank).slice(0, 3);
  await expect.poll(async () => (await ranking.locator('[role=row]').allInnerTexts()).slice(0, 3).map((t) => t.split('\n').slice(0, 2).join(' ')), POLL).toEqual(
    top.map((r) => `${r.overallRank} ${r.institutionName}`),
  );
  const totals = await ranking.locator('[role=row]').first().innerText();
  expect(totals).toContain(top[0]?.total.toFixed(2) ?? '');
  await expect.poll(() => h.page.locator('p', { hasText: '方案：' }).innerText(), POLL).toContain(`方案：${score.schemeName} 第${score.schemeVersion}版`);
}

async function expectProgress(): Promise<void> {
  await go('金融兴产强县');
  const q = (await latest()) ?? '2025Q4';
  const t = must(await h.handlers['progress.table']({ year: Number(q.slice(0, 4)), quarter: Number(q.slice(5)), region: REGION }, {}));
  const row = t.rows.find((r) => r.county === '汉阴县');
  await expect.poll(() => h.page.getByLabel('汉阴县年度目标（万元）').inputValue(), POLL).toBe(row?.target === null || row?.target === undefined ? '' : String(row.target));
  await expect.poll(() => h.page.locator('table.progress tr', { hasText: '汉阴县' }).innerText(), POLL).toContain(formatPercent(row?.completion ?? null, 1));
  await expect.poll(() => h.page.locator('.panel header', { hasText: '进度表' }).innerText(), POLL).toContain(`${labelOfQuarter(t.quarter)}末`);
}

async function expectTargets(): Promise<void> {
  await go('目标跟踪');
  const q = await latest();
  const rows = must(await h.handlers['targets.evaluate']({ region: REGION, ...(q ? { quarter: q } : {}) }, {}));
  const count = (s: string): number => rows.filter((r) => r.status === s).length;
  const want = ['已达成', '进度正常', '落后', '无数据'].map((s) => `${s} ${count(s)}`);
  await expect.poll(async () => (await h.page.locator('.counts .tag').allInnerTexts()).map((x) => x.trim()), POLL).toEqual(want);
  await expect.poll(async () => (await h.page.locator('.dt-body').first().locator('[role=row]').count()) >= Math.min(rows.length, 8), POLL).toBe(true);
}

async function expectReport(): Promise<void> {
  await go('报表查看');
  const institution = await h.page.getByRole('combobox', { name: '机构' }).inputValue();
  const quarter = await h.page.getByRole('combobox', { name: '报告期' }).inputValue();
  // The quarter due by the services' today, whatever the browser's clock says.
  expect(quarter).toBe(STATUS_TO);
  const v = must(await h.handlers['report.view']({ institution, quarter }, {}));
  const versions = h.page.locator('section.versions');
  if (v.versions.length === 0) {
    await expect.poll(() => versions.innerText(), POLL).toContain('尚未报送');
    return;
  }
  await expect.poll(() => versions.locator('tbody tr').count(), POLL).toBe(v.versions.length);
  const current = v.versions.find((x) => x.status === 'current');
  const row = versions.locator('tbody tr', { has: h.page.locator('td:nth-child(2)', { hasText: '当前版本' }) });
  if (current) await expect.poll(() => row.innerText(), POLL).toContain(current.fileName);
}

async function expectLedger(): Promise<void> {
  await go('任务台账');
  const year = assessmentYear(await latest());
  const l = must(await h.handlers['ledger.list']({ region: REGION, year }, {}));
  const header = h.page.locator('section.panel header', { hasText: '任务台账（' });
  await expect.poll(() => header.innerText(), POLL).toContain(l.quarter ? `数据截至${labelOfQuarter(l.quarter)}末` : '本年度尚无报表数据');
  const first = l.rows[0];
  const evidence = first?.evidence[0] ? `${first.evidence[0].label}：${first.evidence[0].display}` : '—';
  await expect.poll(() => h.page.locator('.dt-body').first().locator('[role=row]').first().innerText(), POLL).toContain(evidence);
}

async function expectSettings(): Promise<void> {
  await go('机构与设置');
  await h.page.getByRole('tab', { name: '机构名录' }).click();
  const abc = must(await h.handlers['registry.institutions']({}, {})).find((i) => i.code === 'AK-ABC');
  const row = h.page.locator('.dt-body').getByRole('row', { name: /AK-ABC/ });
  await expect.poll(() => row.innerText(), POLL).toContain(abc?.name ?? '?');
  await expect.poll(() => row.innerText(), POLL).toContain(abc?.aliases.join('、') ?? '?');
  const user = must(await h.handlers['settings.localUser']({}, {}));
  await h.page.getByRole('tab', { name: '本机使用人' }).click();
  await expect.poll(() => h.page.getByLabel('本机使用人').inputValue(), POLL).toBe(user.name ?? '');
  await h.page.getByRole('tab', { name: '机构名录' }).click();
}

/** Every page, each compared with the handlers; a screenshot of each after `step`. */
async function expectEveryPage(step: string): Promise<void> {
  const pages: [string, () => Promise<void>][] = [
    ['home', expectHome],
    ['import', expectImport],
    ['status', expectStatus],
    ['report', expectReport],
    ['chains', expectChains],
    ['assessment', expectAssessment],
    ['progress', expectProgress],
    ['targets', expectTargets],
    ['ledger', expectLedger],
    ['settings', expectSettings],
  ];
  for (const [name, check] of pages) {
    try {
      await check();
    } catch (e) {
      await h.page.screenshot({ path: join(SHOTS, `fresh-FAILED-${step}-${name}.png`) });
      throw new Error(`after ${step}, page ${name}: ${(e as Error).message}`);
    }
    if (step === 'first-visit' || step === 'everything') await h.page.screenshot({ path: join(SHOTS, `fresh-${step}-${name}.png`) });
  }
}

/** The analyst's 说明 for every warning that holds one of these files, by the file's SHA-256 (from a dry run). */
async function explanations(list: string[], receivedDate: string): Promise<Record<string, FileAck>> {
  const checked = must(await h.handlers['import.files']({ paths: list, receivedDate, dryRun: true }, {}));
  const acks: Record<string, FileAck> = {};
  for (const f of checked.files) {
    const held = f.warnings.filter((w) => w.ack);
    if (f.sha256 && held.length > 0) acks[f.sha256] = Object.fromEntries(held.map((w) => [issueKey(w), '银行更正后重报，数字已电话核实']));
  }
  return acks;
}

/** Imports files, answering every warning that holds a file with a 说明 (as the analyst would in the window). */
async function importExplained(list: string[], receivedDate: string): Promise<void> {
  const acks = await explanations(list, receivedDate);
  const done = must(await h.handlers['import.files']({ paths: list, receivedDate, acks }, {}));
  expect(done.files.filter((f) => f.status !== 'accepted').map((f) => f.file)).toEqual([]);
}

function paths(list: ManifestFile[]): string[] {
  return list.map((f) => join(sampleDir, f.file));
}

function received(list: ManifestFile[]): Record<string, string> {
  return Object.fromEntries(list.map((f) => [join(sampleDir, f.file), f.receivedDate]));
}

describe('every page shows what the database holds now', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'rfm-fresh-'));
    h = await startHarness(join(work, 'rfm.sqlite'), { width: 1366, height: 768 });
    sampleDir = join(work, 'sample');
    must(await h.handlers['sample.generate']({ out: sampleDir, years: '2024-2025' }, {}));
    files = (JSON.parse(readFileSync(join(sampleDir, 'manifest.json'), 'utf8')) as { files: ManifestFile[] }).files;
    await h.page.goto(`${h.origin}/index.html#/home`);
    await h.page.locator('.page[data-ready=true]').waitFor({ timeout: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await h?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('on an empty database, every page says there is nothing yet', async () => {
    await expectEveryPage('first-visit');
  }, 120_000);

  it('follows an import made elsewhere while a page is in view, and every page after it', async () => {
    await go('报送情况');
    const before = await h.page.locator('.totals').innerText();
    const history = files.filter((f) => f.quarter !== '2025Q4' && !f.resubmission);
    must(await h.handlers['import.files']({ paths: paths(history), receivedDates: received(history), note: '往期报表' }, {}));
    // The page in view follows by itself (no click): within the window's poll.
    await expect.poll(() => h.page.locator('.totals').innerText(), POLL).not.toBe(before);
    await expectEveryPage('import');
  }, 180_000);

  it('follows a second process (the CLI) importing into the same database while the app is open', async () => {
    await go('首页');
    expect(await pageText()).toContain('2025年第三季度');
    const q4 = join(work, 'q4');
    mkdirSync(q4, { recursive: true });
    for (const f of files.filter((x) => x.quarter === '2025Q4' && !x.resubmission)) cpSync(join(sampleDir, f.file), join(q4, f.file));
    // The analyst checked the folder first and wrote a 说明 for each warning that holds a file (import --dry-run, then --acks).
    const acksFile = join(work, 'q4-acks.json');
    writeFileSync(acksFile, JSON.stringify(await explanations(readdirSync(q4).map((f) => join(q4, f)), '2026-01-04')));
    const run = await runTs(CLI, ['import', q4, '--received', '2026-01-04', '--acks', acksFile, '--note', '命令行导入', '--db', h.ctx.dbPath], { env: { ...process.env, RFM_NOW: SERVICES_NOW } });
    expect(run.code, `${run.stdout.slice(-3000)} ${run.stderr}`).toBe(0);
    // 首页 is in view: it moves to the new quarter without a click.
    await expect.poll(pageText, POLL).toContain('2025年第四季度');
    await expectEveryPage('cli-import');
  }, 180_000);

  it('follows a rollback made in the window', async () => {
    await go('数据导入');
    const batches = h.page.locator('.panel', { hasText: '导入批次' }).locator('.dt-body');
    await batches.getByRole('button', { name: '回滚' }).first().click();
    await h.page.getByRole('dialog').getByRole('button', { name: '确认回滚' }).click();
    await expect.poll(() => batches.innerText(), POLL).toContain('已回滚');
    expect(await latest()).toBe('2025Q3');
    await expectEveryPage('rollback');
  }, 180_000);

  it('follows a history restore', async () => {
    const q4 = files.filter((f) => f.quarter === '2025Q4' && !f.resubmission);
    must(await h.handlers['import.files']({ paths: paths(q4), receivedDate: '2026-01-04' }, {}));
    // The bank sends its 2025Q4 report again with other figures (another seed's report): a resubmission.
    const other = join(work, 'other');
    must(await h.handlers['sample.generate']({ out: other, years: '2025', seed: 2 }, {}));
    const again = (JSON.parse(readFileSync(join(other, 'manifest.json'), 'utf8')) as { files: ManifestFile[] }).files.find((f) => f.institution === 'AK-ABC' && f.quarter === '2025Q4' && !f.resubmission);
    if (!again) throw new Error('no AK-ABC 2025Q4 report in the second set');
    await importExplained([join(other, again.file)], '2026-01-08');
    await expectEveryPage('resubmission');
    const versions = must(await h.handlers['history.list']({ institution: 'AK-ABC', quarter: '2025Q4' }, {}));
    const first = versions.find((v) => v.status === 'superseded');
    if (!first) throw new Error('no superseded version to restore');
    await go('考核评估');
    must(await h.handlers['history.restore']({ submissionId: first.id }, {}));
    await expectEveryPage('history-restore');
  }, 180_000);

  it('follows a qualitative score, a county target and an analyst’s target entered in the window', async () => {
    // A restore point for the backup restore below: before the changes that follow.
    must(await h.handlers['backup.create']({ reason: '测试还原点' }, {}));
    await go('考核评估');
    await h.page.getByRole('button', { name: '评分' }).first().click();
    const dialog = h.page.getByRole('dialog');
    await dialog.getByLabel('得分').fill('2');
    await dialog.getByLabel('评分理由').fill('制定乡村振兴专项制度3项');
    await dialog.getByRole('button', { name: '保存评分' }).click();
    await h.page.locator('td.reason', { hasText: '制定乡村振兴专项制度3项' }).waitFor({ timeout: 15_000 });

    await go('金融兴产强县');
    const input = h.page.getByLabel('汉阴县年度目标（万元）');
    await input.fill('450000');
    await input.press('Enter');
    await h.page.getByText('已保存汉阴县2025年度目标').waitFor();

    must(
      await h.handlers['targets.add'](
        { target: { id: 'analyst-fresh', source: '分析人员设定', clause: '各项贷款余额不低于 1 亿元', region: REGION, who: '安康市', scope: 'each', indicator: 'loans_total_bal', goal: { kind: 'value', op: '>=', value: 10000 }, byLabel: '每季度' } },
        {},
      ),
    );
    await expectEveryPage('scores-and-targets');
  }, 180_000);

  it('follows a new scheme version, a registry edit and a new 本机使用人', async () => {
    const schemeFile = join(work, 'scheme.json');
    must(await h.handlers['assessment.exportScheme']({ out: schemeFile, region: REGION }, {}));
    const scheme = JSON.parse(readFileSync(schemeFile, 'utf8')) as Scheme;
    const a = scheme.items.find((i) => i.id === 'agri_growth_vs_total');
    const b = scheme.items.find((i) => i.id === 'agri_increment');
    if (!a || !b) throw new Error('the shipped scheme lost its items');
    a.max += 2;
    b.max -= 2;
    writeFileSync(schemeFile, JSON.stringify(scheme));
    must(await h.handlers['assessment.importScheme']({ path: schemeFile }, {}));

    await go('机构与设置');
    await h.page.getByRole('row', { name: /AK-ABC/ }).click();
    const dialog = h.page.getByRole('dialog');
    await dialog.locator('input').nth(1).fill('中国农业银行股份有限公司安康分行');
    await dialog.getByRole('button', { name: '保存' }).click();
    await h.page.getByText(/已保存机构/).waitFor();
    await h.page.getByRole('tab', { name: '本机使用人' }).click();
    await h.page.getByLabel('本机使用人').fill('王分析');
    await h.page.getByRole('button', { name: '保存', exact: true }).click();
    await h.page.getByText('已设置本机使用人：王分析').waitFor();
    await expectEveryPage('scheme-registry-settings');
  }, 180_000);

  it('follows a backup restored in the window: the changes made after the backup are gone from every page', async () => {
    await go('机构与设置');
    await h.page.getByRole('tab', { name: '数据库' }).click();
    const backups = h.page.locator('.panel', { hasText: '备份与恢复' }).locator('.dt-body');
    await backups.getByRole('row', { name: /测试还原点/ }).getByRole('button', { name: '恢复' }).click();
    await h.page.getByRole('dialog', { name: '恢复数据库' }).getByRole('button', { name: '确认恢复' }).click();
    await h.page.getByText(/已从 .* 恢复数据库/).waitFor({ timeout: 30_000 });
    expect(must(await h.handlers['progress.targets']({ year: 2025, region: REGION }, {})).find((t) => t.countyName === '汉阴县')?.annualTarget ?? null).not.toBe(450000);
    await expectEveryPage('backup-restore');
  }, 180_000);

  it('follows 加载示例数据 over the data already there', async () => {
    await go('目标跟踪');
    must(await h.handlers['sample.load']({ years: '2024-2025', seed: 7 }, {}));
    await expectEveryPage('everything');
    expect(h.pageErrors).toEqual([]);
    expect(h.offsiteRequests).toEqual([]);
  }, 240_000);
});
