import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/services/db/database';
import { cli } from '../helpers/cli';
import { fillChartFixture } from './fixture';
import { pngSize } from './zip';

let dir: string;
let dbPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rfm-chart-cli-'));
  dbPath = join(dir, 'rfm.sqlite');
  const db = openDatabase(dbPath);
  fillChartFixture(db, ['2024Q4', '2025Q1', '2025Q2', '2025Q3']);
  db.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('chart CLI', () => {
  it('lists the charts as JSON: [{id, title, params}]', async () => {
    const r = await cli(['chart', '--list', '--json', '--db', dbPath]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as { id: string; title: string; params: string[] }[];
    expect(list.find((c) => c.id === 'chain.quarterly')).toEqual({ id: 'chain.quarterly', title: '产业链贷款余额与当年累放（分季度）', params: ['quarter', 'chain'] });
    expect(Object.keys(list[0] ?? {})).toEqual(['id', 'title', 'params']);
  });

  it('prints the option of a chart as JSON for checking the numbers', async () => {
    const r = await cli(['chart', '--id', 'chains.compare', '--quarter', '2025Q3', '--region', '璧山', '--unit', '万元', '--json', '--db', dbPath]);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out) as { params: { region: string }; option: { xAxis: { data: string[] }; series: { data: { value: number }[] }[] } };
    expect(v.params.region).toBe('bishan');
    expect(v.option.xAxis.data).toEqual(['花椒', '脐橙']);
    const db = openDatabase(dbPath);
    const stored = db
      .prepare(`SELECT SUM(num) AS s FROM current_values WHERE quarter = '2025Q3' AND field_key = 'chain_bal' AND member = 'zanthoxylum'`)
      .get() as { s: number };
    db.close();
    expect(v.option.series[0]?.data[0]?.value).toBe(Math.round(stored.s / 10_000) / 100);
  });

  it('takes the latest reported quarter when --quarter is left out', async () => {
    const r = await cli(['chart', '--id', 'loans.npl', '--json', '--db', dbPath]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { params: { quarter: string; region: string } }).params).toEqual({ quarter: '2025Q3', region: 'ankang' });
  });

  it('exports a PNG at the requested print size and an SVG', async () => {
    const png = join(dir, 'tea.png');
    const r = await cli(['chart', '--id', 'chain.growth', '--quarter', '2025Q3', '--chain', '富硒茶', '--format', 'png', '--out', png, '--width-cm', '8', '--dpi', '150', '--db', dbPath]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('已导出 PNG');
    expect(pngSize(readFileSync(png)).width).toBe(472); // 8 / 2.54 × 150
    const svg = join(dir, 'tea.svg');
    expect((await cli(['chart', '--id', 'chain.growth', '--quarter', '2025Q3', '--chain', 'selenium_tea', '--format', 'svg', '--out', svg, '--db', dbPath])).code).toBe(0);
    expect(readFileSync(svg, 'utf8')).toContain('富硒茶产业链贷款余额增速');
  });

  it('fails with a Chinese message on a bad id, chain or format', async () => {
    const bad = await cli(['chart', '--id', 'nope', '--quarter', '2025Q3', '--json', '--db', dbPath]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('图表「nope」不存在');
    const chain = await cli(['chart', '--id', 'chain.quarterly', '--quarter', '2025Q3', '--chain', '茶叶', '--json', '--db', dbPath]);
    expect(chain.code).not.toBe(0);
    expect(chain.err).toContain('产业链「茶叶」不存在');
    const fmt = await cli(['chart', '--id', 'chains.trend', '--quarter', '2025Q3', '--format', 'gif', '--out', join(dir, 'x.gif'), '--db', dbPath]);
    expect(fmt.code).not.toBe(0);
    expect(existsSync(join(dir, 'x.gif'))).toBe(false);
  });
});
