/**
 * One chart out of the window: 导出 PNG/SVG and 复制图片 (charts.image) print at the
 * chart's own proportions — a ranked bar chart grows taller with its rows — and the
 * clipboard's PNG is the exported file byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DB } from '../../src/services/db/database';
import { memoryDb } from '../helpers/reports';
import { fillChartFixture } from './fixture';
import { chartsHandlers } from '../../src/services/api/charts';
import { wrapAll } from '../../src/services/api/wrap';
import { must } from '../helpers/result';
import { pngSize } from './zip';
import { resolveSize } from '../../src/services/charts/render';

let db: DB;
let dir: string;
let h: ReturnType<typeof handlers>;
const handlers = (d: DB) => wrapAll(chartsHandlers({ db: d, dbPath: ':memory:' }));

beforeAll(() => {
  db = memoryDb();
  fillChartFixture(db);
  dir = mkdtempSync(join(tmpdir(), 'rfm-chart-export-'));
  h = handlers(db);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a chart at its print proportions', () => {
  const args = { id: 'chain.institutions', params: { quarter: '2025Q3', chain: 'selenium_tea' }, dpi: 96 } as const;

  it('导出 PNG and SVG of a ranked chart are as tall as its rows need', async () => {
    const built = must(await h['charts.option']({ id: args.id, params: args.params }, {}));
    expect(built.aspect).toBeGreaterThan(0.62);
    const size = resolveSize({ aspect: built.aspect, dpi: 96 });
    const png = must(await h['charts.export']({ ...args, format: 'png', out: join(dir, 'a.png') }, {}));
    expect(pngSize(readFileSync(png.path))).toEqual({ width: size.pixelWidth, height: size.pixelHeight });
    const svg = must(await h['charts.export']({ ...args, format: 'svg', out: join(dir, 'a.svg') }, {}));
    expect(readFileSync(svg.path, 'utf8')).toMatch(new RegExp(`<svg[^>]*height="${size.layoutHeight}"`));
  });

  it('复制图片 (charts.image) gives the same PNG as the export, base64', async () => {
    const img = must(await h['charts.image'](args, {}));
    const file = must(await h['charts.export']({ ...args, format: 'png', out: join(dir, 'b.png') }, {}));
    const bytes = Buffer.from(img.png, 'base64');
    expect(bytes.equals(readFileSync(file.path))).toBe(true);
    expect({ width: img.width, height: img.height }).toEqual(pngSize(bytes));
    expect(img.title).toBe('富硒茶产业链贷款分机构情况');
  });
});
