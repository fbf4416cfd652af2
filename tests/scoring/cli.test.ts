import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '../../src/services/db/database';
import { insertReport, tempDbPath } from '../helpers/reports';
import { cli } from '../helpers/cli';
import type { ScoreResult, Scheme } from '../../src/api/assessment-types';

const tmp = tempDbPath();
beforeAll(() => {
  const db = openDatabase(tmp.path);
  for (const [code, agri, total] of [
    ['AK-ABC', 0.123, 0.081],
    ['AK-HBRCB', 0.05, 0.081],
  ] as const) {
    insertReport(db, { institution: code, quarter: '2024Q4', values: { loans_total_bal: 100000, agri_loans_bal: 60000, agri_npl_bal: 600 } });
    insertReport(db, { institution: code, quarter: '2025Q4', values: { loans_total_bal: 100000 * (1 + total), agri_loans_bal: 60000 * (1 + agri), agri_npl_bal: 600 } });
  }
  db.close();
});
afterAll(() => tmp.cleanup());

describe('score, scheme and qualitative commands', () => {
  it('scores as JSON in the shape of issue 3', async () => {
    const r = await cli(['score', '--db', tmp.path, '--region', 'ankang', '--year', '2025', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as ScoreResult & { schemeVersion: number };
    expect(s).toMatchObject({ region: 'ankang', year: 2025, schemeVersion: 1 });
    const abc = s.results.find((x) => x.institution === 'AK-ABC')!;
    expect(Object.keys(abc)).toEqual(expect.arrayContaining(['institution', 'group', 'quantitative', 'qualitative', 'bonus', 'penalty', 'total', 'rank', 'grade', 'indicators']));
    expect(abc.indicators[0]).toMatchObject({ id: 'agri_growth_vs_total', score: 6, max: 6 });
    expect(abc.indicators[0]?.raw).toBeCloseTo(0.123, 10);
  });

  it('enters a qualitative score, exports and re-imports a scheme as a new version, and what-if compares', async () => {
    const q = await cli(['qualitative', '--db', tmp.path, '--set', '--institution', 'AK-ABC', '--year', '2025', '--item', 'q_policy', '--score', '4', '--reason', '政策传导到位']);
    expect(q.code).toBe(0);
    expect(q.out).toContain('已录入');
    const bad = await cli(['qualitative', '--db', tmp.path, '--set', '--institution', 'AK-ABC', '--year', '2025', '--item', 'q_policy', '--score', '9', '--reason', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('0 到 5 分之间');

    const file = join(tmp.dir, 'ankang.json');
    expect((await cli(['scheme', '--db', tmp.path, '--export', file, '--region', 'ankang'])).code).toBe(0);
    const s = JSON.parse(readFileSync(file, 'utf8')) as Scheme;
    s.name = '安康市考核评估方案（2026修订）';
    writeFileSync(file, JSON.stringify(s));
    const imp = await cli(['scheme', '--db', tmp.path, '--import', file]);
    expect(imp.out).toContain('第 2 版');
    const list = await cli(['scheme', '--db', tmp.path, '--json']);
    expect(JSON.parse(list.out)).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'ankang-default', versions: [1, 2] })]));

    const w = await cli(['score', '--db', tmp.path, '--region', 'ankang', '--year', '2025', '--what-if', 'agri_growth_vs_total=20']);
    expect(w.code).toBe(0);
    expect(w.out).toContain('仅试算，未保存');
    const again = await cli(['score', '--db', tmp.path, '--region', 'ankang', '--year', '2025', '--json']);
    expect((JSON.parse(again.out) as ScoreResult).schemeVersion).toBe(1);
  });

  it('writes a styled scores workbook with real numbers', async () => {
    const out = join(tmp.dir, 'scores.xlsx');
    const r = await cli(['score', '--db', tmp.path, '--region', 'ankang', '--year', '2025', '--out', out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sum = wb.getWorksheet('考核结果汇总')!;
    expect(sum.getCell('A1').value).toBe('安康市金融机构服务乡村振兴考核评估结果汇总表');
    // One qualitative score of the many the ranked banks need is in: the grades are 暂定, as the page says.
    expect(sum.getCell('A2').value).toBe('考核年度：2025年（等次暂定）');
    expect(sum.pageSetup.paperSize).toBe(9);
    expect(sum.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const row = sum.getRow(4);
    expect(typeof row.getCell(8).value).toBe('number');
    expect(row.getCell(8).numFmt).toBe('0.00');
    const detail = wb.getWorksheet('评分明细')!;
    const texts: string[] = [];
    detail.eachRow((r) => texts.push(String(r.getCell(6).value ?? '')));
    expect(texts.some((t) => t.includes('涉农贷款比年初增速 12.3% 高于各项贷款比年初增速 8.1%，得 6/6 分'))).toBe(true);
    const firstCol: string[] = [];
    sum.eachRow((r) => firstCol.push(String(r.getCell(1).value ?? '')));
    expect(firstCol.some((t) => t.startsWith('制表日期：'))).toBe(true);
    expect(firstCol.some((t) => t.startsWith('数据来源：'))).toBe(true);
  });
});
