/** The comparable set in an explanation: who is left out of a region's figure, and why, in words an analyst can act on. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../src/services/db/database';
import { explainIndicator } from '../../src/services/explain';
import { computeIndicators } from '../../src/services/indicators';
import { insertReport, memoryDb } from '../helpers/reports';

let db: DB;
beforeEach(() => {
  db = memoryDb();
  // AK-ABC reported both years; AK-BOC only this year; AK-CCB both, but left 涉农贷款余额 blank last year-end.
  insertReport(db, { institution: 'AK-ABC', quarter: '2024Q4', values: { loans_total_bal: 100000, agri_loans_bal: 50000 } });
  insertReport(db, { institution: 'AK-ABC', quarter: '2025Q3', values: { loans_total_bal: 110000, agri_loans_bal: 60000 } });
  insertReport(db, { institution: 'AK-BOC', quarter: '2025Q3', values: { loans_total_bal: 900000, agri_loans_bal: 900000 } });
  insertReport(db, { institution: 'AK-CCB', quarter: '2024Q4', values: { loans_total_bal: 70000 } });
  insertReport(db, { institution: 'AK-CCB', quarter: '2025Q3', values: { loans_total_bal: 80000, agri_loans_bal: 40000 } });
});
afterEach(() => db.close());

describe('explain: the comparable set', () => {
  it('names each bank left out of a growth rate and what it did not report; the rate is over the others only', () => {
    const e = explainIndicator(db, { region: 'ankang', quarter: '2025Q3', indicator: 'agri_loans_growth' });
    expect(e.included.map((i) => i.institution)).toEqual(['AK-ABC']);
    // (60,000 − 50,000) / 50,000: the bank without a base cannot lift the rate.
    expect(e.value).toBeCloseTo(0.2, 12);
    const row = computeIndicators(db, { quarter: '2025Q3', region: 'ankang', ids: ['agri_loans_growth'], scopes: ['region'] })[0];
    expect(e.value).toBe(row?.value);
    const reason = (code: string): string | undefined => e.excluded.find((x) => x.institution === code)?.reason;
    expect(reason('AK-BOC')).toBe('2024年第四季度未报送报表');
    expect(reason('AK-CCB')).toBe('2024年第四季度报表未填「涉农贷款余额」');
    // Banks that sent nothing at all are out too, and say so.
    expect(reason('AK-ICBC')).toBe('2025年第三季度未报送报表；2024年第四季度未报送报表');
    expect(e.comparable).toContain('缺任一项的机构整体不计入');
    expect(e.inputs.map((i) => `${i.institution}@${i.quarter}`)).toEqual(['AK-ABC@2025Q3', 'AK-ABC@2024Q4']);
  });

  it('one bank’s figure without its base is 无数据, and the reason is given', () => {
    const e = explainIndicator(db, { region: 'ankang', quarter: '2025Q3', indicator: 'agri_loans_growth', institution: 'AK-BOC' });
    expect(e.value).toBeNull();
    expect(e.display).toBe('无数据');
    expect(e.inputs).toEqual([]);
    expect(e.excluded).toEqual([{ institution: 'AK-BOC', name: '中国银行安康分行', reason: '2024年第四季度未报送报表' }]);
  });
});
