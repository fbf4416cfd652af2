/**
 * The explain service over a real import: the sample report set (both regions,
 * 2024–2025, with its 重报 files) written as .xlsx, imported through the handlers,
 * then every figure explained. Each input named by an explanation is read back
 * from its file with SheetJS at the sheet and cell it names (and through the
 * defined name the template gave that cell) and compared with what the panel shows;
 * the inputs of a region total add up to it; a chart's bar explains to its label.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueKey } from '../../src/domain/import/issueKey';
import * as XLSX from 'xlsx';
import type { HandlerTable } from '../../src/api/contract';
import type { Explanation, ExplainInput, FigureRef } from '../../src/api/explain-types';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { percentOf, wanIn } from '../../src/domain/charts/format';
import { setClock, fixedClock } from '../../src/domain/clock';
import { writeWithCell } from '../e2e/files';

XLSX.set_fs(fs);

let dir: string;
let sampleDir: string;
let ctx: ServiceContext;
let h: HandlerTable;

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function explain(ref: FigureRef): Promise<Explanation> {
  return must(await h['figure.explain'](ref, {}));
}

const books = new Map<string, XLSX.WorkBook>();
function book(file: string): XLSX.WorkBook {
  let wb = books.get(file);
  if (!wb) {
    wb = XLSX.readFile(join(sampleDir, file));
    books.set(file, wb);
  }
  return wb;
}

/** The input is exactly what its named cell holds, and the template's defined name points at that cell. */
function expectCellHolds(i: ExplainInput): void {
  const wb = book(i.file);
  const ws = wb.Sheets[i.sheet];
  expect(ws, `${i.file} has sheet ${i.sheet}`).toBeDefined();
  const cell = ws?.[i.cell] as XLSX.CellObject | undefined;
  // A number is the stored value; text (1.5亿元) is what the clerk typed, kept as raw beside the converted value.
  if (typeof cell?.v === 'string') expect(i.raw, `${i.file} ${i.sheet}!${i.cell}`).toBe(cell.v);
  else expect(cell?.v, `${i.file} ${i.sheet}!${i.cell}`).toBe(i.value);
  const name = wb.Workbook?.Names?.find((n) => n.Name === i.definedName);
  expect(name?.Ref.replace(/\$/g, '').replace(/'/g, '')).toBe(`${i.sheet}!${i.cell}`);
}

const scaled = (x: number): number => Math.round(x * 1_000_000);
const sumScaled = (xs: ExplainInput[]): number => xs.reduce((a, i) => a + scaled(i.value ?? 0), 0);

beforeAll(async () => {
  setClock(fixedClock('2026-01-20T10:00:00+08:00'));
  dir = mkdtempSync(join(tmpdir(), 'rfm-explain-'));
  sampleDir = join(dir, 'sample');
  ctx = openContext(join(dir, 'rfm.sqlite'));
  h = createHandlers(ctx);
  must(await h['sample.generate']({ out: sampleDir, years: '2024-2025' }, {}));
  const manifest = JSON.parse(readFileSync(join(sampleDir, 'manifest.json'), 'utf8')) as { files: { file: string; receivedDate: string }[]; acks: Record<string, Record<string, string>> };
  const summary = must(
    await h['import.files']({ paths: manifest.files.map((f) => join(sampleDir, f.file)), receivedDates: Object.fromEntries(manifest.files.map((f) => [join(sampleDir, f.file), f.receivedDate])), acks: manifest.acks }, {}),
  );
  expect(summary.rejected).toBe(0);
}, 120_000);

afterAll(() => {
  closeContext(ctx);
  rmSync(dir, { recursive: true, force: true });
});

describe('explain: region totals', () => {
  const SUMS: { indicator: string; member?: string; region: string }[] = [
    { indicator: 'agri_loans_bal', region: 'ankang' },
    { indicator: 'loans_total_ytd', region: 'bishan' },
    { indicator: 'chain_bal', member: 'selenium_tea', region: 'ankang' },
    { indicator: 'chain_ytd', member: 'zanthoxylum', region: 'bishan' },
    { indicator: 'county_lead_bal', member: 'AK02', region: 'ankang' },
    { indicator: 'keyarea_bal_total', region: 'ankang' },
    { indicator: 'pov_households', region: 'ankang' },
  ];

  it.each(SUMS)('$indicator ($region $member): the inputs add up to the figure the indicators compute, each is its cell', async (c) => {
    const e = await explain({ kind: 'indicator', region: c.region, quarter: '2025Q4', indicator: c.indicator, ...(c.member ? { member: c.member } : {}) });
    const rows = must(await h['indicators.compute']({ quarter: '2025Q4', region: c.region, ids: [c.indicator], scopes: c.member ? ['chain', 'county'] : ['region'] }, {}));
    const row = rows.find((r) => (c.member ? r.chain === c.member || r.county === c.member : r.scope === 'region'));
    expect(row).toBeDefined();
    expect(e.value).not.toBeNull();
    expect(e.value).toBe(row?.value);
    expect(e.inputs.length).toBeGreaterThan(3);
    expect(sumScaled(e.inputs)).toBe(scaled(e.value ?? NaN));
    // Every included institution contributes, and nothing else does.
    expect(new Set(e.inputs.map((i) => i.institution))).toEqual(new Set(e.included.map((i) => i.institution)));
    for (const i of e.inputs) {
      expect(i.quarter).toBe('2025Q4');
      expect(i.period).toBe('本期');
      expectCellHolds(i);
    }
  });

  it('a growth rate shows its current and base totals, each the sum of its inputs, the 重报 version where one came in', async () => {
    const e = await explain({ kind: 'indicator', region: 'ankang', quarter: '2025Q4', indicator: 'agri_loans_growth' });
    const [now, base] = e.operands;
    expect(now?.label).toContain('本期');
    expect(base?.label).toContain('上年末');
    expect(base?.quarter).toBe('2024Q4');
    expect(scaled(now?.value ?? NaN)).toBe(sumScaled(e.inputs.filter((i) => i.period === '本期')));
    expect(scaled(base?.value ?? NaN)).toBe(sumScaled(e.inputs.filter((i) => i.period === '上年末')));
    expect(e.value).toBeCloseTo(((now?.value ?? 0) - (base?.value ?? 0)) / (base?.value ?? 1), 12);
    const row = must(await h['indicators.compute']({ quarter: '2025Q4', region: 'ankang', ids: ['agri_loans_growth'], scopes: ['region'] }, {}))[0];
    expect(e.value).toBe(row?.value);
    expect(e.formula).toContain('Σ「涉农贷款余额」［上年末］');
    expect(e.comparable).toContain('2024年第四季度的「涉农贷款余额」');
    // The sample set resubmits 汉阴县示例村镇银行's 2024Q4 report: the base reads the corrected file.
    const resubmitted = e.inputs.find((i) => i.institution === 'AK-HYVB' && i.quarter === '2024Q4');
    expect(resubmitted?.resubmission).toBe(true);
    expect(resubmitted?.version).toBe(2);
    expect(resubmitted?.file).toContain('更正');
    for (const i of e.inputs) expectCellHolds(i);
  });

  it('a rate of one bank is its own cell and weight; a difference of growth rates reads both sides', async () => {
    const rate = await explain({ kind: 'indicator', region: 'ankang', quarter: '2025Q4', indicator: 'pov_rate', institution: 'AK-ABC' });
    const row = must(await h['indicators.compute']({ quarter: '2025Q4', region: 'ankang', ids: ['pov_rate'], scopes: ['institution'] }, {})).find((r) => r.institution === 'AK-ABC');
    expect(rate.value).toBe(row?.value);
    expect(rate.inputs.map((i) => i.key).sort()).toEqual(['pov_bal', 'pov_rate']);
    expect(rate.inputs.find((i) => i.key === 'pov_rate')?.value).toBe(rate.value);
    for (const i of rate.inputs) expectCellHolds(i);

    const diff = await explain({ kind: 'indicator', region: 'bishan', quarter: '2025Q4', indicator: 'agri_vs_total_growth' });
    expect(new Set(diff.inputs.map((i) => `${i.key}@${i.quarter}`))).toEqual(new Set(['agri_loans_bal@2025Q4', 'loans_total_bal@2025Q4', 'agri_loans_bal@2024Q4', 'loans_total_bal@2024Q4']));
    const [agri, total] = diff.operands;
    expect(diff.value).toBeCloseTo((agri?.value ?? 0) - (total?.value ?? 0), 12);
    for (const i of diff.inputs) expectCellHolds(i);
  });
});

describe('explain: every chart point explains to the number drawn on it', () => {
  it('each bar and point of the 安康 and 璧山 charts of 2025Q4', async () => {
    let checked = 0;
    const kinds = new Set<string>();
    // 金融兴产强县 is drawn once a county has a target for the year.
    must(await h['progress.setTarget']({ county: '汉阴县', year: 2025, annualTarget: 300000, source: '测试目标' }, {}));
    for (const region of ['ankang', 'bishan']) {
      const chains = must(await h['registry.regions']({}, {})).find((r) => r.code === region)?.chains ?? [];
      const charts = must(await h['charts.list']({}, {}));
      for (const def of charts) {
        for (const chain of def.params.includes('chain') ? chains.slice(0, 2) : [null]) {
          const r = await h['charts.option']({ id: def.id, params: { quarter: '2025Q4', region, ...(chain ? { chain: chain.code } : {}) }, amountUnit: '万元' }, {});
          if (!r.ok) {
            expect(r.error.code).toBe('E_CHART_NOT_APPLICABLE');
            continue;
          }
          const series = r.value.option.series as { data: ({ value: number | null } | null)[] }[];
          expect(r.value.figures.length).toBe(series.length);
          for (const [s, figs] of r.value.figures.entries()) {
            expect(figs.length).toBe(series[s]?.data.length);
            for (const [d, ref] of figs.entries()) {
              if (!ref) continue;
              const e = await explain(ref);
              const drawn = series[s]?.data[d]?.value ?? null;
              // Amounts are drawn in 万元, rates in percent, counts of banks as they are.
              const expected = e.value === null ? null : e.unit === '%' ? percentOf(e.value) : e.unit === '家' ? e.value : wanIn('万元', e.value);
              expect(drawn, `${def.id} series ${s} point ${d}`).toBe(expected);
              if (e.unit === '家') expect(e.components).toHaveLength(e.value ?? -1);
              kinds.add(ref.kind);
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect([...kinds].sort()).toEqual(['indicator', 'progress', 'scoreGroup']);
  }, 180_000);
});

describe('explain: the CLI', () => {
  it('explain --json gives the figure and its inputs with file, sheet, cell, version and arrival', async () => {
    const { cli } = await import('../helpers/cli');
    const r = await cli(['explain', '--db', join(dir, 'rfm.sqlite'), '--region', 'ankang', '--quarter', '2025Q4', '--indicator', 'chain_bal', '--member', '魔芋', '--json']);
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out) as Explanation;
    expect(Object.keys(e)).toEqual(expect.arrayContaining(['indicator', 'label', 'quarter', 'region', 'institution', 'member', 'value', 'unit', 'definition', 'inputs']));
    expect(e).toMatchObject({ indicator: 'chain_bal', quarter: '2025Q4', region: 'ankang', institution: null, member: 'konjac', unit: '万元' });
    expect(Object.keys(e.inputs[0] ?? {})).toEqual(expect.arrayContaining(['institution', 'quarter', 'key', 'member', 'value', 'file', 'sheet', 'cell', 'submissionId', 'version', 'receivedDate']));
    expect(sumScaled(e.inputs)).toBe(scaled(e.value ?? NaN));
    for (const i of e.inputs) expectCellHolds(i);

    const text = await cli(['explain', '--db', join(dir, 'rfm.sqlite'), '--region', '安康', '--quarter', '2025Q4', '--indicator', 'agri_loans_growth', '--institution', 'AK-ABC']);
    expect(text.code).toBe(0);
    expect(text.out).toContain('中国农业银行安康分行 · 2025年第四季度 · 涉农贷款比年初增速');
    expect(text.out).toMatch(/信贷总量!B\d+/);

    const bad = await cli(['explain', '--db', join(dir, 'rfm.sqlite'), '--region', 'ankang', '--quarter', '2025Q4', '--indicator', 'no_such']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('指标「no_such」不存在');
    const member = await cli(['explain', '--db', join(dir, 'rfm.sqlite'), '--region', 'ankang', '--quarter', '2025Q4', '--indicator', 'agri_loans_bal', '--member', 'konjac']);
    expect(member.err).toContain('不分产业链或县，不能指定 --member');
  });
});

describe('explain: 考核评估, 金融兴产强县, 目标跟踪 and the submission matrix', () => {
  it('a bank’s total is the sum of its item scores; an item shows its rule and the indicator figures and cells behind it', async () => {
    const score = must(await h['assessment.score']({ region: 'ankang', year: 2025, save: false }, {}));
    const bank = score.results.find((r) => r.institution === 'AK-ABC');
    if (!bank) throw new Error('AK-ABC not scored');
    const total = await explain({ kind: 'score', region: 'ankang', year: 2025, institution: 'AK-ABC' });
    expect(total.value).toBe(bank.total);
    expect(total.formula).toContain(`= ${bank.total.toFixed(2)} 分`);
    expect(total.components.length).toBe(bank.indicators.length);
    const signed = total.components.reduce((a, c, i) => a + Math.round((c.value ?? 0) * 100) * (bank.indicators[i]?.part === 'penalty' ? -1 : 1), 0);
    expect(signed).toBe(Math.round((bank.quantitative + bank.qualitative + bank.bonus - bank.penalty) * 100));

    const item = bank.indicators.find((i) => i.id === 'agri_growth_vs_total');
    if (!item) throw new Error('no agri_growth_vs_total item');
    const e = await explain({ kind: 'score', region: 'ankang', year: 2025, institution: 'AK-ABC', item: item.id });
    expect(e.value).toBe(item.score);
    expect(e.facts.find((f) => f.label === '计分说明')?.value).toBe(item.explanation);
    expect(e.formula).toContain('时得满分');
    // The rule compares two indicators of the bank: both are listed, with the raw value the score used.
    expect(e.components).toHaveLength(2);
    expect(e.components[0]?.value).toBe(item.raw);
    expect(e.components[0]?.ref).toMatchObject({ kind: 'indicator', institution: 'AK-ABC', quarter: '2025Q4' });
    expect(e.inputs.length).toBeGreaterThanOrEqual(4);
    for (const i of e.inputs) {
      expect(i.institution).toBe('AK-ABC');
      expectCellHolds(i);
    }
    // The timeliness item lists the year's four reports.
    const timely = bank.indicators.find((i) => i.explanation.includes('应报'));
    if (timely) {
      const t = await explain({ kind: 'score', region: 'ankang', year: 2025, institution: 'AK-ABC', item: timely.id });
      expect(t.components.map((c) => c.ref?.kind)).toEqual(['submission', 'submission', 'submission', 'submission']);
    }
  });

  it('a county’s 完成率 is its actual over its target, the actual explained down to the cells', async () => {
    must(await h['progress.setTarget']({ county: '汉阴县', year: 2025, annualTarget: 300000, source: '测试目标', actor: '王分析' }, {}));
    must(await h['progress.setTarget']({ county: '紫阳县', year: 2025, annualTarget: 120000, source: '测试目标', actor: '王分析' }, {}));
    const table = must(await h['progress.table']({ year: 2025, quarter: 4, region: 'ankang' }, {}));
    const row = table.rows.find((r) => r.county === '汉阴县');
    const e = await explain({ kind: 'progress', region: 'ankang', year: 2025, quarter: 4, county: 'AK02' });
    expect(e.value).toBe(row?.completion);
    expect(e.facts.find((f) => f.label === '年度目标')?.value).toContain('300,000.00 万元（测试目标；王分析');
    // the definition in words: a flow (当年累放) over its target
    expect(e.definition).toContain('完成率 = 当年累计发放 ÷ 年度目标');
    expect(e.facts.find((f) => f.label === '县域分类依据')?.value).toContain('产业功能区');
    expect(e.components[0]?.value).toBe(row?.actual);
    expect(sumScaled(e.inputs)).toBe(scaled(row?.actual ?? NaN));
    for (const i of e.inputs) {
      expect(i.member).toBe('AK02');
      expectCellHolds(i);
    }
    const totalRow = await explain({ kind: 'progress', region: 'ankang', year: 2025, quarter: 4 });
    expect(totalRow.value).toBe(table.totals[0]?.completion);
    expect(totalRow.components).toHaveLength(2);
    expect(totalRow.comparable).toContain('只加总按首位产业贷款当年累计发放口径设有年度目标的 2 个县');

    // a balance measure: the increase from 年初 over the increase the target asks for, 年初 explained to its cells too
    must(await h['progress.setTarget']({ county: '汉阴县', year: 2025, annualTarget: 300000, indicator: 'county_lead_bal', source: '测试目标', actor: '王分析' }, {}));
    const stock = must(await h['progress.table']({ year: 2025, quarter: 4, region: 'ankang' }, {})).rows.find((r) => r.county === '汉阴县');
    const s = await explain({ kind: 'progress', region: 'ankang', year: 2025, quarter: 4, county: 'AK02' });
    expect(s.value).toBe(stock?.completion);
    expect(s.formula).toContain('完成率 = (期末余额');
    expect(s.components.map((c) => c.value)).toEqual([stock?.actual, stock?.base]);
    expect(sumScaled(s.inputs.filter((i) => i.quarter === '2024Q4'))).toBe(scaled(stock?.base ?? NaN));
    // 汉滨区 is not a row of the table, and the sentence says why
    await expect(explain({ kind: 'progress', region: 'ankang', year: 2025, quarter: 4, county: 'AK01' })).rejects.toThrow(/不列入本表的：汉滨区/);
  });

  it('a target shows how it was judged and the figures behind it', async () => {
    const targets = must(await h['targets.evaluate']({ region: 'bishan', quarter: '2025Q4' }, {}));
    const psbc = targets.find((t) => t.id === 'bs-psbc-16yi');
    const e = await explain({ kind: 'target', region: 'bishan', target: 'bs-psbc-16yi', quarter: '2025Q4' });
    expect(e.display).toBe(psbc?.status);
    expect(e.value).toBe(psbc?.actual);
    expect(e.facts[0]?.value).toContain(psbc?.figures ?? '?');
    expect(e.components[0]?.value).toBe(psbc?.actual);
    for (const i of e.inputs) expectCellHolds(i);

    const cumulative = await explain({ kind: 'target', region: 'bishan', target: 'bs-adbc-60yi', quarter: '2025Q4' });
    // 十四五 (2021–2025) added up year by year: the sample set starts in 2024, so the years before have no data and neither has the sum.
    expect(cumulative.components.map((c) => c.label)).toEqual(['2021年', '2022年', '2023年', '2024年', '2025年']);
    expect(cumulative.components.slice(0, 3).map((c) => c.value)).toEqual([null, null, null]);
    const ytd = await explain({ kind: 'indicator', region: 'bishan', quarter: '2025Q4', indicator: 'agri_loans_ytd', institution: 'BS-ADBC' });
    expect(cumulative.components[4]?.value).toBe(ytd.value);
    expect(cumulative.display).toBe('无数据');

    const region = await explain({ kind: 'target', region: 'ankang', target: 'ak-agri-growth', quarter: '2025Q4' });
    const regional = must(await h['targets.evaluate']({ region: 'ankang', quarter: '2025Q4' }, {})).find((t) => t.id === 'ak-agri-growth');
    expect(regional?.actual).not.toBeNull();
    expect(region.value).toBe(regional?.actual);
    expect(region.components[0]?.ref).toMatchObject({ kind: 'indicator', activeOnly: true });
  });

  it('a submission-matrix cell shows its state, deadline and every version received', async () => {
    const m = must(await h['status.matrix']({ quarter: '2024Q4', region: 'ankang' }, {}));
    const cell = m.cells.find((c) => c.institution === 'AK-HYVB');
    const e = await explain({ kind: 'submission', institution: 'AK-HYVB', quarter: '2024Q4' });
    expect(e.display).toBe(cell?.state);
    expect(e.facts[0]?.value).toContain('重报 1 次');
    expect(e.components.map((c) => c.label)).toEqual([expect.stringContaining('第1版'), expect.stringContaining('第2版（重报）')]);
    expect(e.report).toEqual({ institution: 'AK-HYVB', quarter: '2024Q4' });
  });
});

describe('报表查看: the report as imported, its versions, their diff, restore', () => {
  it('a 重报 typed in 亿元 shows as typed beside the converted value; the diff names the one cell it changed; restore brings version 1 back', async () => {
    const manifest = JSON.parse(readFileSync(join(sampleDir, 'manifest.json'), 'utf8')) as { files: { file: string; institution: string; quarter: string }[] };
    const original = manifest.files.find((f) => f.institution === 'AK-ABC' && f.quarter === '2025Q4')?.file ?? '';
    // The clerk also misnamed the file (三季度 for a fourth-quarter report): the analyst confirms the warning on import.
    const fixed = '中国农业银行安康分行_2025年三季度_更正.xlsx';
    const at = await writeWithCell(join(sampleDir, original), join(sampleDir, fixed), 'RV_agri_loans_bal', '168.5亿元');
    const held = must(await h['import.files']({ paths: [join(sampleDir, fixed)], receivedDate: '2026-01-15' }, {}));
    expect(held.accepted).toBe(0);
    // The new 涉农贷款 no longer equals its parts (a 提示 of RV-2026.1): the analyst explains it.
    const explained = Object.fromEntries((held.files[0]?.warnings ?? []).filter((w) => w.ack === 'explain').map((w) => [issueKey(w), '更正后的涉农贷款余额，构成项将随下季度报表调整']));
    const imported = must(await h['import.files']({ paths: [join(sampleDir, fixed)], receivedDate: '2026-01-15', confirmAll: true, acks: { [fixed]: explained } }, {}));
    expect(imported.accepted).toBe(1);

    const e = await explain({ kind: 'indicator', region: 'ankang', quarter: '2025Q4', indicator: 'agri_loans_bal', institution: 'AK-ABC' });
    const input = e.inputs[0];
    expect(input).toMatchObject({ file: fixed, sheet: at.sheet, cell: at.cell, value: 1_685_000, raw: '168.5亿元', version: 2, resubmission: true, receivedDate: '2026-01-15' });
    expect(input?.note).toContain('亿元');
    expectCellHolds(input as ExplainInput);

    const view = must(await h['report.view']({ institution: 'AK-ABC', quarter: '2025Q4' }, {}));
    expect(view.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'current'],
    ]);
    expect(view.shown).toBe(input?.submissionId);
    expect(view.sections.map((s) => s.title)).toEqual(expect.arrayContaining(['封面', '一、涉农贷款总量及构成', '五、重点产业链贷款']));
    const shownCell = view.sections.flatMap((s) => s.cells).find((c) => c.key === 'agri_loans_bal');
    expect(shownCell).toMatchObject({ sheet: at.sheet, cell: at.cell, display: '1,685,000.00 万元', raw: '168.5亿元' });
    // Every number of the form is the cell of the file it came from.
    const wb = book(fixed);
    for (const c of view.sections.flatMap((s) => s.cells)) {
      const v = wb.Sheets[c.sheet]?.[c.cell] as XLSX.CellObject | undefined;
      if (typeof c.value === 'number' && typeof v?.v === 'number') expect(c.value, `${c.sheet}!${c.cell}`).toBe(v.v);
    }

    const decided = view.versions[1]?.issues.find((i) => i.decision !== null && i.message.includes('三季度'));
    expect(decided?.message).toContain('三季度');
    expect(decided?.decidedBy).toBeTruthy();
    const [v1, v2] = view.versions;
    const diff = must(await h['report.diff']({ from: v1?.id ?? 0, to: v2?.id ?? 0 }, {}));
    expect(diff.rows).toHaveLength(1);
    const before = (book(original).Sheets[at.sheet]?.[at.cell] as XLSX.CellObject).v as number;
    expect(diff.rows[0]).toMatchObject({ key: 'agri_loans_bal', sheet: at.sheet, cell: at.cell, after: '1,685,000.00 万元' });
    expect(diff.rows[0]?.before).toBe(`${before.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 万元`);
    expect(diff.rows[0]?.change).toBeCloseTo(1_685_000 - before, 6);
    expect(diff.compared).toBeGreaterThan(100);

    must(await h['history.restore']({ submissionId: v1?.id ?? 0 }, {}));
    const back = await explain({ kind: 'indicator', region: 'ankang', quarter: '2025Q4', indicator: 'agri_loans_bal', institution: 'AK-ABC' });
    expect(back.inputs[0]).toMatchObject({ file: original, version: 1, value: before });
    expect(must(await h['report.view']({ institution: 'AK-ABC', quarter: '2025Q4' }, {})).shown).toBe(v1?.id);
  });
});
