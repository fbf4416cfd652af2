/**
 * The banks' texts: real report files written and imported, then listed by quarter,
 * bank and kind and searched in Chinese — three characters and more through the FTS5
 * trigram index, shorter terms by LIKE — always in the current version of each report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { freshDb, tempDir, writeReport } from '../import/fixtures';
import { importFiles } from '../../src/services/import/importFiles';
import { listTexts, textKinds } from '../../src/services/texts/list';
import { highlightRuns, passageWithAttribution } from '../../src/domain/text/search';
import { cli } from '../helpers/cli';
import type { DB } from '../../src/services/db/database';

let db: DB;
let dbPath: string;
let dir: string;

const ABC_PROBLEMS = '一是魔芋加工企业季节性资金需求集中，抵押物不足；二是部分合作社财务不规范，授信调查难度大。';
const ABC_PROBLEMS_V2 = '一是富硒茶加工企业抵押物不足；二是100%担保的比例偏高。';

beforeAll(async () => {
  dir = tempDir('rfm-texts-');
  ({ db, dbPath } = freshDb(dir));
  const files = [
    writeReport(db, { institution: 'AK-ABC', quarter: '2025Q2', cells: { text_work: '二季度加大春耕信贷投放。', text_problems: '二季度部分茶企融资难。', text_cases: '【平利县富硒茶“茶园贷”】发放茶园贷120万元。' } }, join(dir, 'in', 'abc-2025Q2.xlsx')),
    writeReport(db, { institution: 'AK-ABC', quarter: '2025Q3', cells: { text_work: '三季度开展整村授信。', text_problems: ABC_PROBLEMS, text_suggestions: '建议扩大魔芋产业风险补偿基金规模。' } }, join(dir, 'in', 'abc-2025Q3.xlsx')),
    writeReport(db, { institution: 'AK-CCB', quarter: '2025Q3', cells: { text_work: '建行开展金融知识宣传。', text_problems: '县域网点少，客户经理不足。', text_cases: '建行“裕农通”服务点覆盖全部乡镇，魔芋种植户授信300户。' } }, join(dir, 'in', 'ccb-2025Q3.xlsx')),
  ];
  const r = await importFiles(db, { paths: files, receivedDate: '2025-10-09', confirmAll: true }, {}, { pool: { size: 1 } });
  expect(r.files.map((f) => [f.file, f.status, f.errors.map((e) => e.message)])).toEqual(files.map(() => [expect.stringContaining(".xlsx"), "accepted", []]));
});

afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('文字材料', () => {
  it('knows the four kinds from the catalogue', () => {
    expect(textKinds(db).map((k) => k.label)).toEqual(['工作开展情况', '存在问题', '政策建议', '典型案例、经验做法']);
  });

  it('lists by quarter, bank and kind, with where the text stands in the file', () => {
    const l = listTexts(db, { quarter: '2025Q3', institution: 'AK-ABC', kind: '存在问题' });
    expect(l.total).toBe(1);
    expect(l.entries[0]).toMatchObject({ institutionName: '中国农业银行安康分行', quarterLabel: '2025年第三季度', kindLabel: '存在问题', text: ABC_PROBLEMS, version: 1, fileName: 'abc-2025Q3.xlsx' });
    expect(l.entries[0]?.sheet).toBeTruthy();
    expect(l.entries[0]?.cell).toMatch(/^[A-Z]+\d+$/);
    expect(l.entries[0]?.attribution).toBe('（来源：中国农业银行安康分行2025年第三季度报送材料·存在问题）');
    expect(l.quarters).toEqual(['2025Q3', '2025Q2']);
    // A quarter's texts: every bank, every kind it filled, in the form's order
    const q3 = listTexts(db, { quarter: '2025Q3', region: 'ankang' });
    expect(q3.entries.filter((e) => e.institution === 'AK-ABC').map((e) => e.kindLabel)).toEqual(['工作开展情况', '存在问题', '政策建议']);
  });

  it('searches every quarter: 3+ characters through the trigram index, shorter terms by LIKE, every term required', () => {
    const long = listTexts(db, { search: '富硒茶' });
    expect(long.terms).toEqual([{ term: '富硒茶', via: 'index' }]);
    expect(long.entries.map((e) => `${e.institution} ${e.quarter} ${e.kind}`)).toEqual(['AK-ABC 2025Q2 text_cases']);
    const short = listTexts(db, { search: '魔芋' });
    expect(short.terms).toEqual([{ term: '魔芋', via: 'like' }]);
    expect(short.entries.map((e) => `${e.institution} ${e.kind}`).sort()).toEqual(['AK-ABC text_problems', 'AK-ABC text_suggestions', 'AK-CCB text_cases']);
    const hit = short.entries.find((e) => e.kind === 'text_problems');
    expect(hit?.hits).toEqual([[2, 4]]);
    expect(highlightRuns(hit?.text ?? '', hit?.hits ?? []).filter((r) => r.hit).map((r) => r.text)).toEqual(['魔芋']);
    // Both terms must occur: 魔芋 (LIKE) and 抵押物 (index)
    const both = listTexts(db, { search: '魔芋 抵押物' });
    expect(both.entries.map((e) => `${e.institution} ${e.kind}`)).toEqual(['AK-ABC text_problems']);
    const at = ABC_PROBLEMS.indexOf('抵押物');
    expect(both.entries[0]?.hits).toEqual([[2, 4], [at, at + 3]]);
    expect(listTexts(db, { search: '没有这个词' }).total).toBe(0);
    // A single character, a quote and LIKE's wildcards are searched as typed
    expect(listTexts(db, { search: '%' }).total).toBe(0);
    expect(listTexts(db, { search: '"茶园贷"' }).total).toBe(0);
    expect(listTexts(db, { search: '茶园贷' }).total).toBe(1);
  });

  it('a 重报 replaces the text searched: only current versions are found', async () => {
    const v2 = writeReport(db, { institution: 'AK-ABC', quarter: '2025Q3', cells: { text_work: '三季度开展整村授信。', text_problems: ABC_PROBLEMS_V2, loans_total_bal: 100001 } }, join(dir, 'in', 'abc-2025Q3-更正.xlsx'));
    const r = await importFiles(db, { paths: [v2], receivedDate: '2025-10-10' }, {}, { pool: { size: 1 } });
    expect(r.files[0]?.status).toBe('accepted');
    expect(listTexts(db, { search: '合作社财务' }).total).toBe(0);
    const now = listTexts(db, { search: '100%' });
    expect(now.entries.map((e) => [e.institution, e.version, e.fileName])).toEqual([['AK-ABC', 2, 'abc-2025Q3-更正.xlsx']]);
    expect(passageWithAttribution(now.entries[0]?.text ?? '', '中国农业银行安康分行', '2025年第三季度', '存在问题')).toBe(`${ABC_PROBLEMS_V2}\n（来源：中国农业银行安康分行2025年第三季度报送材料·存在问题）`);
  });

  it('refuses an unknown kind or quarter in Chinese; the CLI searches read-only', async () => {
    expect(() => listTexts(db, { kind: '总结' })).toThrow(/文字材料类别「总结」不存在，可选：工作开展情况、存在问题、政策建议、典型案例、经验做法/);
    expect(() => listTexts(db, { quarter: '2025Q5' })).toThrow(/不是有效的季度/);
    db.close();
    const out = await cli(['texts', '--db', dbPath, '--search', '裕农通']);
    expect(out.code).toBe(0);
    expect(out.out).toContain('检索 「裕农通」：共 1 条。');
    expect(out.out).toContain('【中国建设银行安康分行 · 2025年第三季度 · 典型案例、经验做法】');
    ({ db } = freshDb(dir));
  });
});
