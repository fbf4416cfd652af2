import { beforeAll, describe, expect, it } from 'vitest';
import type { EChartsOption } from 'echarts';
import type { DB } from '../../src/services/db/database';
import { memoryDb } from '../helpers/reports';
import { fillChartFixture } from './fixture';
import { buildChart, chartInstances, listCharts } from '../../src/services/charts';
import { CHART_CATALOGUE } from '../../src/domain/charts/catalogue';
import { CHART_FONT_FAMILY } from '../../src/domain/charts/style';

let db: DB;

beforeAll(() => {
  db = memoryDb();
  fillChartFixture(db);
});

/** Exact sum in SQL of one field over a region's institutions, in 万元 (or a count). */
function storedSum(field: string, member: string, quarter: string, region: string, scale = 1_000_000): number {
  const row = db
    .prepare(
      `SELECT SUM(cv.num) AS s FROM current_values cv JOIN institutions i ON i.code = cv.institution
       WHERE i.region = ? AND cv.quarter = ? AND cv.field_key = ? AND cv.member = ?`,
    )
    .get(region, quarter, field, member) as { s: number };
  return row.s / scale;
}

type Item = { value: number | null; label?: { formatter: string } };
function seriesData(o: EChartsOption, i: number): Item[] {
  const s = Array.isArray(o.series) ? o.series[i] : undefined;
  return (s as { data: Item[] } | undefined)?.data ?? [];
}
function axisData(o: EChartsOption, axis: 'xAxis' | 'yAxis'): string[] {
  const a = o[axis];
  return ((Array.isArray(a) ? a[0] : a) as { data?: string[] }).data ?? [];
}
function axisName(o: EChartsOption, axis: 'xAxis' | 'yAxis'): string {
  const a = o[axis];
  return String(((Array.isArray(a) ? a[0] : a) as { name?: string }).name);
}
const r2 = (x: number): number => Math.round(x * 100) / 100;

describe('chart options carry the stored figures', () => {
  it('chain.quarterly: balance and YTD per quarter equal the SQL sums', () => {
    const b = buildChart(db, 'chain.quarterly', { quarter: '2025Q3', chain: 'selenium_tea' });
    expect(b.params).toEqual({ quarter: '2025Q3', region: 'ankang', chain: 'selenium_tea' });
    expect(axisData(b.option, 'xAxis')).toHaveLength(8);
    expect(axisData(b.option, 'xAxis').at(-1)).toBe('2025年\n三季度');
    const unit = axisName(b.option, 'yAxis').includes('亿元') ? 10_000 : 1;
    const quarters = ['2023Q4', '2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3'];
    expect(seriesData(b.option, 0).map((d) => d.value)).toEqual(quarters.map((q) => r2(storedSum('chain_bal', 'selenium_tea', q, 'ankang') / unit)));
    expect(seriesData(b.option, 1).map((d) => d.value)).toEqual(quarters.map((q) => r2(storedSum('chain_ytd', 'selenium_tea', q, 'ankang') / unit)));
    // Labels print what the value says, with thousands separators and two decimals.
    const last = seriesData(b.option, 0).at(-1);
    expect(last?.label?.formatter).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(Number(last?.label?.formatter.replace(/,/g, ''))).toBe(last?.value);
  });

  it('the 亿元 switch divides by 10,000', () => {
    const wan = buildChart(db, 'chains.compare', { quarter: '2025Q3', region: 'ankang' }, { amountUnit: '万元' });
    const yi = buildChart(db, 'chains.compare', { quarter: '2025Q3', region: 'ankang' }, { amountUnit: '亿元' });
    expect(axisName(wan.option, 'yAxis')).toBe('金额（万元）');
    expect(axisName(yi.option, 'yAxis')).toBe('金额（亿元）');
    expect(seriesData(wan.option, 0)[0]?.value).toBe(r2(storedSum('chain_bal', 'selenium_tea', '2025Q3', 'ankang')));
    expect(seriesData(yi.option, 0)[0]?.value).toBe(r2(storedSum('chain_bal', 'selenium_tea', '2025Q3', 'ankang') / 10_000));
  });

  it('chain.institutions ranks banks by their own reported balance', () => {
    const b = buildChart(db, 'chain.institutions', { quarter: '2025Q3', chain: 'konjac' }, { amountUnit: '万元' });
    const values = seriesData(b.option, 0).map((d) => d.value ?? 0);
    expect(values).toEqual([...values].sort((a, c) => c - a));
    const top = db
      .prepare(`SELECT num FROM current_values WHERE quarter = '2025Q3' AND field_key = 'chain_bal' AND member = 'konjac' AND institution LIKE 'AK-%' ORDER BY num DESC LIMIT 1`)
      .get() as { num: number };
    expect(values[0]).toBe(r2(top.num / 1_000_000));
    // Every bank of 安康's registry (10: a new install has no fictional bank).
    expect(axisData(b.option, 'yAxis')).toHaveLength(10);
  });

  it('chain.share and the headline growth come from the indicator engine and match hand arithmetic', () => {
    const share = buildChart(db, 'chain.share', { quarter: '2025Q3', chain: 'walnut' });
    const expectedShare = storedSum('chain_bal', 'walnut', '2025Q3', 'ankang') / storedSum('agri_loans_bal', '', '2025Q3', 'ankang');
    expect(seriesData(share.option, 0).at(-1)?.value).toBe(r2(expectedShare * 100));
    expect(seriesData(share.option, 0).at(-1)?.label?.formatter).toMatch(/%$/);

    const g = buildChart(db, 'loans.growth', { quarter: '2025Q3', region: 'ankang' });
    // 比年初: 2025Q3 against 2024Q4, every bank reported both.
    const agri = storedSum('agri_loans_bal', '', '2025Q3', 'ankang') / storedSum('agri_loans_bal', '', '2024Q4', 'ankang') - 1;
    const total = storedSum('loans_total_bal', '', '2025Q3', 'ankang') / storedSum('loans_total_bal', '', '2024Q4', 'ankang') - 1;
    expect(seriesData(g.option, 0).at(-1)?.value).toBe(r2(agri * 100));
    expect(seriesData(g.option, 1).at(-1)?.value).toBe(r2(total * 100));
    // 2023Q4 has no 年初 base in the store: 无数据, not 0.
    expect(seriesData(g.option, 0)[0]?.value).toBeNull();
  });

  it('loans.growth for one bank and 不良率 use that bank only', () => {
    const g = buildChart(db, 'loans.growth', { quarter: '2025Q3', institution: '安康农行' });
    expect(g.params.institution).toBe('AK-ABC');
    const one = (field: string, q: string): number =>
      (db.prepare(`SELECT num FROM current_values WHERE institution = 'AK-ABC' AND quarter = ? AND field_key = ? AND member = ''`).get(q, field) as { num: number }).num;
    expect(seriesData(g.option, 0).at(-1)?.value).toBe(r2((one('agri_loans_bal', '2025Q3') / one('agri_loans_bal', '2024Q4') - 1) * 100));
    const npl = buildChart(db, 'loans.npl', { quarter: '2025Q3', region: 'bishan' });
    expect(seriesData(npl.option, 0).at(-1)?.value).toBe(r2((storedSum('agri_npl_bal', '', '2025Q3', 'bishan') / storedSum('agri_loans_bal', '', '2025Q3', 'bishan')) * 100));
  });

  it('chain.counties lists the counties whose 首位产业 is the chain', () => {
    const b = buildChart(db, 'chain.counties', { quarter: '2025Q3', chain: 'selenium_tea' }, { amountUnit: '万元' });
    expect([...axisData(b.option, 'yAxis')].sort()).toEqual(['平利县', '汉滨区', '紫阳县'].sort());
    const byName = new Map(axisData(b.option, 'yAxis').map((n, i) => [n, seriesData(b.option, 0)[i]?.value]));
    expect(byName.get('汉滨区')).toBe(r2(storedSum('county_lead_bal', 'AK01', '2025Q3', 'ankang')));
    expect(() => buildChart(db, 'chain.counties', { quarter: '2025Q3', chain: 'zanthoxylum' })).toThrow(/首位产业/);
  });

  it('every option is styled for print: font, white background, no animation, source line, units', () => {
    for (const region of ['ankang', 'bishan']) {
      for (const inst of chartInstances(db, '2025Q3', region)) {
        const { option } = buildChart(db, inst.id, inst.params);
        expect(option.backgroundColor).toBe('#ffffff');
        expect(option.animation).toBe(false);
        expect((option.textStyle as { fontFamily?: string }).fontFamily).toBe(CHART_FONT_FAMILY);
        const titles = option.title as { text: string }[];
        // The assessment charts show the last completed year (2025Q3 → 2024).
        const asOf = inst.id.startsWith('assessment.') ? '2024年第四季度' : '2025年第三季度';
        expect(titles[1]?.text).toBe(`数据来源：各金融机构季度报送，截至${asOf}`);
        const axes = [option.xAxis, option.yAxis].flatMap((a) => (Array.isArray(a) ? a : [a])) as { type?: string; name?: string }[];
        expect(axes.find((a) => a.type === 'value')?.name).toMatch(/（(万元|亿元|%|家)）$/);
        // Plain JSON: the option survives IPC unchanged.
        expect(JSON.parse(JSON.stringify(option))).toEqual(option);
      }
    }
  });

  it('lists every catalogued chart and refuses unknown ids and quarters without data in Chinese', () => {
    expect(listCharts().map((c) => c.id)).toEqual(CHART_CATALOGUE.map((c) => c.id));
    expect(() => buildChart(db, 'no.such', { quarter: '2025Q3' })).toThrow(/图表「no.such」不存在/);
    expect(() => buildChart(db, 'chains.compare', { quarter: '2026Q1', region: 'ankang' })).toThrow(/2026Q1尚无任何机构报送数据/);
    expect(() => buildChart(db, 'chain.quarterly', { quarter: '2025Q3' })).toThrow(/产业链/);
  });
});

describe('assessment charts', () => {
  it('count every scored institution once, by band and by group', () => {
    const scores = buildChart(db, 'assessment.scores', { quarter: '2025Q3', region: 'ankang' });
    const series = (scores.option.series as { name: string; data: { value: number }[] }[]).filter((s) => s.name !== '未定等次');
    const counted = series.reduce((sum, s) => sum + s.data.reduce((a, d) => a + d.value, 0), 0);
    expect(counted).toBe(10);
    const grades = buildChart(db, 'assessment.grades', { quarter: '2025Q3', region: 'ankang' });
    const perGroup = (grades.option.series as { data: { value: number }[] }[]).reduce((sum, s) => sum + s.data.reduce((a, d) => a + d.value, 0), 0);
    expect(perGroup).toBe(10);
    expect((grades.option.title as { text: string }[])[0]?.text).toBe('2024年度考核评估等次（分组）');
  });
});

describe('金融兴产强县 progress chart', () => {
  it('shows each county\'s 完成率 against the quarter\'s 时序进度, behind counties in red', () => {
    const b = buildChart(db, 'county.progress', { quarter: '2025Q3', region: 'ankang' });
    const s = (b.option.series as { data: { value: number; itemStyle?: { color: string } }[]; markLine: { data: { yAxis: number }[] } }[])[0];
    // 2025Q3 ends on day 273 of 365.
    expect(s?.markLine.data[0]?.yAxis).toBe(r2((273 / 365) * 100));
    // the nine 县（市） of the action, 汉阴县 first (汉滨区 is outside it); 当年累放 ÷ 年度目标
    expect(s?.data).toHaveLength(9);
    const target = (db.prepare(`SELECT annual_target AS t FROM county_targets WHERE county = 'AK02' AND year = 2025`).get() as { t: number }).t;
    expect(s?.data[0]?.value).toBe(r2((storedSum('county_lead_ytd', 'AK02', '2025Q3', 'ankang') / (target / 1_000_000)) * 100));
    expect(s?.data[0]?.itemStyle).toBeUndefined();
    expect(s?.data[8]?.itemStyle?.color).toBe('#c00000');
    expect(() => buildChart(db, 'county.progress', { quarter: '2025Q3', region: 'bishan' })).toThrow(/不设县|年度目标/);
  });
});
