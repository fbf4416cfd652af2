/**
 * The draft report's overview sentence compares 涉农贷款 growth with 各项贷款
 * growth: 高于 / 低于 by the gap in 个百分点, and 持平 when the two are equal as
 * printed (never "高于…0.00个百分点").
 */
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/services/db/database';
import { buildReportDocument, type RegionPackContent } from '../../src/services/charts/report';
import type { OfficeSheet } from '../../src/services/exports/office-table';
import { insertReport, memoryDb } from '../helpers/reports';

const EMPTY_TABLE: OfficeSheet = { name: '空表', title: '空表', period: '报告期：2025年第三季度', unit: '单位：万元', columns: [], rows: [], source: '测试' };

function content(region: string): RegionPackContent {
  return { region, charts: [], chains: [], chainTable: EMPTY_TABLE, institutionTable: EMPTY_TABLE, countyTable: null, progressTable: null, progressText: [], pricingTables: [], pricingText: [], targetsTable: null, targetsText: [], extraTables: [] };
}

/** One bank of 璧山 whose loans grow from the 2024 year end to 2025Q3 by the given factors. */
function dbWithGrowth(totalFactor: number, agriFactor: number): DB {
  const db = memoryDb();
  const inst = (db.prepare(`SELECT code FROM institutions WHERE region = 'bishan' ORDER BY code LIMIT 1`).get() as { code: string }).code;
  insertReport(db, { institution: inst, quarter: '2024Q4', values: { loans_total_bal: 100_000, agri_loans_bal: 40_000 } });
  insertReport(db, { institution: inst, quarter: '2025Q3', values: { loans_total_bal: 100_000 * totalFactor, agri_loans_bal: 40_000 * agriFactor } });
  return db;
}

function overviewOf(db: DB): string {
  const doc = buildReportDocument(db, '2025Q3', [content('bishan')], '2025-10-10');
  const para = doc.blocks.find((b) => b.kind === 'paragraph' && b.text.includes('涉农贷款余额'));
  return para && para.kind === 'paragraph' ? para.text : '';
}

describe('overview sentence of the draft report', () => {
  it('says 高于 with the gap when 涉农贷款 grew faster', () => {
    expect(overviewOf(dbWithGrowth(1.08, 1.12))).toContain('比年初增长12.00%，高于各项贷款增速（8.00%）4.00个百分点');
  });

  it('says 低于 with the gap when it grew slower', () => {
    expect(overviewOf(dbWithGrowth(1.1, 1.05))).toContain('比年初增长5.00%，低于各项贷款增速（10.00%）5.00个百分点');
  });

  it('says 持平 when both grew alike', () => {
    const text = overviewOf(dbWithGrowth(1.1, 1.1));
    expect(text).toContain('比年初增长10.00%，与各项贷款增速（10.00%）持平');
    expect(text).not.toContain('高于');
  });
});
