import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../src/services/db/database';
import { computeIndicators, listIndicators, loadRegionData, evaluateIndicator } from '../../src/services/indicators';
import { insertReport, memoryDb } from '../helpers/reports';
import { IndicatorEngine } from '../../src/domain/indicators/evaluate';
import { validateIndicatorCatalogue } from '../../src/domain/indicators/validate';
import { StoredValues } from '../../src/services/indicators/values';

let db: DB;
beforeEach(() => {
  db = memoryDb();
});
afterEach(() => db.close());

function value(rows: ReturnType<typeof computeIndicators>, id: string, where: { institution?: string; chain?: string; county?: string; scope?: string }): number | null {
  const r = rows.find(
    (x) =>
      x.id === id &&
      (where.scope ? x.scope === where.scope : true) &&
      (where.institution ? x.institution === where.institution : true) &&
      (where.chain ? x.chain === where.chain : true) &&
      (where.county ? x.county === where.county : true),
  );
  if (!r) throw new Error(`no row ${id} ${JSON.stringify(where)}`);
  return r.value;
}

describe('indicator catalogue', () => {
  it('is valid against the real field catalogue and every indicator has a Chinese definition', () => {
    const list = listIndicators();
    expect(list.length).toBeGreaterThan(50);
    for (const i of list) expect(i.definition).toMatch(/[\u4e00-\u9fa5]/u);
    expect(list.map((i) => i.id)).toEqual(expect.arrayContaining(['agri_vs_total_growth', 'agri_share', 'agri_npl_ratio', 'chain_bal', 'county_lead_bal']));
  });

  it('rejects unknown fields, unknown references and cycles', () => {
    const shapes = new Map([['agri_loans_bal', { type: 'amount' as const, dimension: null }]]);
    const problems = validateIndicatorCatalogue(
      {
        version: 't',
        indicators: [
          { id: 'a', label: 'A', unit: '万元', kind: 'amount', group: 'g', definition: '甲', expr: { field: 'no_such_field' } },
          { id: 'b', label: 'B', unit: '%', kind: 'ratio', group: 'g', definition: '乙', expr: { ref: 'c' } },
          { id: 'c', label: 'C', unit: '%', kind: 'ratio', group: 'g', definition: '丙', expr: { op: 'add', args: [{ ref: 'b' }, { ref: 'zz' }] } },
        ],
      },
      shapes,
    );
    expect(problems.join('\n')).toContain('不存在的填报项「no_such_field」');
    expect(problems.join('\n')).toContain('不存在的指标「zz」');
    expect(problems.join('\n')).toContain('循环引用');
  });
});

describe('indicators over stored reports (安康)', () => {
  beforeEach(() => {
    // AK-ABC: 2024Q4 and 2025Q3, 2024Q3 for 同比.
    insertReport(db, { institution: 'AK-ABC', quarter: '2024Q3', values: { loans_total_bal: 95000, agri_loans_bal: 50000 } });
    insertReport(db, {
      institution: 'AK-ABC',
      quarter: '2024Q4',
      values: { loans_total_bal: 100000, agri_loans_bal: 60000, agri_npl_bal: 600, npl_total_bal: 1000, chain_bal: { selenium_tea: 8000, konjac: 0 }, county_lead_bal: { AK01: 3000, AK05: 1000 } },
    });
    insertReport(db, {
      institution: 'AK-ABC',
      quarter: '2025Q3',
      values: {
        loans_total_bal: 108100,
        loans_total_ytd: 40000.55,
        agri_loans_bal: 67380,
        agri_npl_bal: 673.8,
        npl_total_bal: 1081,
        chain_bal: { selenium_tea: 9200, konjac: 500 },
        county_lead_bal: { AK01: 3300, AK05: 1200 },
        county_agri_bal: { AK01: 11000, AK05: 4000 },
        pov_bal: 1000,
        pov_rate: 0.031,
      },
    });
    // AK-XYRCB: a small bank with no 涉农 loans at the start of the year.
    insertReport(db, { institution: 'AK-XYRCB', quarter: '2024Q4', values: { loans_total_bal: 20000, agri_loans_bal: 0, agri_npl_bal: 0, npl_total_bal: 0 } });
    insertReport(db, {
      institution: 'AK-XYRCB',
      quarter: '2025Q3',
      values: { loans_total_bal: 21000, agri_loans_bal: 0, agri_npl_bal: 0, npl_total_bal: 0, chain_bal: { selenium_tea: 0 }, county_lead_bal: { AK09: 700 }, pov_bal: 3000, pov_rate: 0.035 },
    });
  });

  it('balances, 比年初增量 and 增速, 同比, 占比 and the headline for one bank', () => {
    const rows = computeIndicators(db, { quarter: '2025Q3', region: 'ankang' });
    const abc = { institution: 'AK-ABC' };
    expect(value(rows, 'agri_loans_bal', abc)).toBe(67380);
    expect(value(rows, 'loans_total_ytd', abc)).toBe(40000.55);
    // 比年初增量: 67,380 − 60,000 = 7,380 万元
    expect(value(rows, 'agri_loans_inc', abc)).toBe(7380);
    // 比年初增速: 7,380 / 60,000 = 0.123 ; 各项: (108,100 − 100,000) / 100,000 = 0.081
    expect(value(rows, 'agri_loans_growth', abc)).toBeCloseTo(0.123, 12);
    expect(value(rows, 'loans_total_growth', abc)).toBeCloseTo(0.081, 12);
    // headline: 0.123 − 0.081 = 0.042 (4.2 个百分点)
    expect(value(rows, 'agri_vs_total_growth', abc)).toBeCloseTo(0.042, 12);
    // 同比: (67,380 − 50,000) / 50,000 = 0.3476
    expect(value(rows, 'agri_loans_yoy', abc)).toBeCloseTo(0.3476, 12);
    // 占比: 67,380 / 108,100 = 0.623312...
    expect(value(rows, 'agri_share', abc)).toBeCloseTo(67380 / 108100, 12);
    // 不良率: 673.8 / 67,380 = 0.01 ; 各项 1,081 / 108,100 = 0.01
    expect(value(rows, 'agri_npl_ratio', abc)).toBeCloseTo(0.01, 12);
    expect(value(rows, 'npl_ratio', abc)).toBeCloseTo(0.01, 12);
    // 涉农不良率比年初: 0.01 − 600/60,000 = 0
    expect(value(rows, 'agri_npl_ratio_change', abc)).toBeCloseTo(0, 12);
  });

  it('a bank with no 涉农 loans: growth on a zero base and a share of nothing are 无数据, not 0', () => {
    const rows = computeIndicators(db, { quarter: '2025Q3', region: 'ankang' });
    const xy = { institution: 'AK-XYRCB' };
    expect(value(rows, 'agri_loans_bal', xy)).toBe(0);
    expect(value(rows, 'agri_loans_growth', xy)).toBeNull();
    expect(value(rows, 'agri_vs_total_growth', xy)).toBeNull();
    expect(value(rows, 'agri_npl_ratio', xy)).toBeNull();
    // 同比 needs 2024Q3, which XYRCB never reported.
    expect(value(rows, 'loans_total_yoy', xy)).toBeNull();
    const row = rows.find((r) => r.id === 'agri_npl_ratio' && r.institution === 'AK-XYRCB');
    expect(row?.display).toBe('无数据');
  });

  it('region figures sum exact integers over the comparable set of banks', () => {
    const rows = computeIndicators(db, { quarter: '2025Q3', region: 'ankang' });
    const reg = { scope: 'region' };
    // 67,380 + 0
    expect(value(rows, 'agri_loans_bal', reg)).toBe(67380);
    // 各项贷款比年初增速: (108,100 + 21,000 − 100,000 − 20,000) / 120,000 = 9,100 / 120,000
    expect(value(rows, 'loans_total_growth', reg)).toBeCloseTo(9100 / 120000, 12);
    // 涉农贷款比年初增速: (67,380 + 0 − 60,000 − 0) / 60,000 = 0.123
    expect(value(rows, 'agri_loans_growth', reg)).toBeCloseTo(0.123, 12);
    expect(value(rows, 'agri_vs_total_growth', reg)).toBeCloseTo(0.123 - 9100 / 120000, 12);
    // 同比 only ABC qualifies (XYRCB has no 2024Q3): coverage 1 of 2
    const yoy = rows.find((r) => r.id === 'agri_loans_yoy' && r.scope === 'region');
    expect(yoy?.value).toBeCloseTo(0.3476, 12);
    expect(yoy?.coverage).toEqual({ included: 1, total: rows.filter((r) => r.id === 'agri_loans_yoy' && r.scope === 'institution').length });
    // Weighted 脱贫人口小额信贷 rate: (0.031 × 1,000 + 0.035 × 3,000) / 4,000 = 0.034
    expect(value(rows, 'pov_rate', reg)).toBeCloseTo(0.034, 12);
    // Sums of amounts are exact: 0.1 + 0.2 style noise never appears.
    insertReport(db, { institution: 'AK-CCB', quarter: '2025Q3', values: { loans_total_ytd: 0.1 } });
    insertReport(db, { institution: 'AK-BOC', quarter: '2025Q3', values: { loans_total_ytd: 0.2 } });
    const again = computeIndicators(db, { quarter: '2025Q3', region: 'ankang', ids: ['loans_total_ytd'], scopes: ['region'] });
    expect(again[0]?.value).toBe(40000.85);
  });

  it('chains and counties: per member and in total, growth on a zero chain base is 无数据', () => {
    const rows = computeIndicators(db, { quarter: '2025Q3', region: 'ankang' });
    // 富硒茶: 9,200 + 0 = 9,200; 年初 8,000 (XYRCB had no chain figures at 2024Q4, so it is left out of the growth)
    expect(value(rows, 'chain_bal', { chain: 'selenium_tea' })).toBe(9200);
    expect(value(rows, 'chain_growth', { chain: 'selenium_tea' })).toBeCloseTo(1200 / 8000, 12);
    // 魔芋: base 0 → 无数据
    expect(value(rows, 'chain_bal', { chain: 'konjac' })).toBe(500);
    expect(value(rows, 'chain_growth', { chain: 'konjac' })).toBeNull();
    // a chain nobody reported
    expect(value(rows, 'chain_bal', { chain: 'walnut' })).toBeNull();
    // all chains: 9,200 + 500 + 0
    expect(value(rows, 'chain_bal', { scope: 'region' })).toBe(9700);
    // 产业链占涉农: 9,200 / (67,380 + 0)
    expect(value(rows, 'chain_share', { chain: 'selenium_tea' })).toBeCloseTo(9200 / 67380, 12);
    expect(value(rows, 'county_lead_bal', { county: 'AK01' })).toBe(3300);
    expect(value(rows, 'county_lead_inc', { county: 'AK01' })).toBe(300);
    // 首位产业占县域涉农: 3,300 / 11,000 = 0.3
    expect(value(rows, 'county_lead_share', { county: 'AK01' })).toBeCloseTo(0.3, 12);
    expect(value(rows, 'county_lead_bal', { county: 'AK09' })).toBe(700);
    expect(value(rows, 'county_lead_bal', { county: 'AK03' })).toBeNull();
  });

  it('a missing quarter gives 无数据 and a resubmission replaces the figures at once (no stale cache)', () => {
    const empty = computeIndicators(db, { quarter: '2025Q2', region: 'ankang', ids: ['agri_loans_bal'], scopes: ['region'] });
    expect(empty[0]?.value).toBeNull();
    expect(empty[0]?.display).toBe('无数据');
    insertReport(db, { institution: 'AK-ABC', quarter: '2025Q3', values: { loans_total_bal: 110000, agri_loans_bal: 66000 } });
    const rows = computeIndicators(db, { quarter: '2025Q3', region: 'ankang', ids: ['agri_loans_growth'], scopes: ['institution'] });
    // (66,000 − 60,000) / 60,000 = 0.1
    expect(rows.find((r) => r.institution === 'AK-ABC')?.value).toBeCloseTo(0.1, 12);
  });

  it('evaluates an indicator for any set of banks and a chain member (for charts)', () => {
    const data = loadRegionData(db, 'ankang', { year: 2025, q: 3 }, { year: 2025, q: 3 });
    expect(evaluateIndicator(data, 'chain_bal', '2025Q3', ['AK-ABC'], 'konjac')).toBe(500);
    expect(evaluateIndicator(data, 'agri_loans_bal', '2025Q3', ['AK-ABC', 'AK-XYRCB'])).toBe(67380);
  });

  it('loads only what some indicators read (a chart of one series), with the same figures as a full load', () => {
    const q = { year: 2025, q: 3 } as const;
    const full = loadRegionData(db, 'ankang', q, q);
    const only = loadRegionData(db, 'ankang', q, q, { indicators: ['chain_share', 'agri_loans_growth'] });
    const banks = ['AK-ABC', 'AK-XYRCB'];
    for (const chain of ['selenium_tea', 'konjac']) {
      const share = evaluateIndicator(full, 'chain_share', '2025Q3', banks, chain);
      expect(share).not.toBeNull();
      expect(evaluateIndicator(only, 'chain_share', '2025Q3', banks, chain)).toBe(share);
    }
    // 比年初增速 reaches back to the year end before: 2024Q4 is loaded too.
    expect(evaluateIndicator(only, 'agri_loans_growth', '2025Q3', banks)).toBe(evaluateIndicator(full, 'agri_loans_growth', '2025Q3', banks));
    expect(evaluateIndicator(only, 'agri_loans_growth', '2025Q3', banks)).toBeCloseTo(7380 / 60000, 12);
    // Fields no asked indicator reads were left in the store.
    expect(full.values.get('AK-ABC', '2025Q3', 'loans_total_bal', '')).not.toBeNull();
    expect(only.values.get('AK-ABC', '2025Q3', 'loans_total_bal', '')).toBeNull();
    expect(only.values.get('AK-ABC', '2025Q3', 'pov_bal', '')).toBeNull();
  });
});

describe('the evaluator on its own', () => {
  it('subtracts and divides with exact integers and returns null on a zero divisor', () => {
    const src = new StoredValues();
    src.add('A', '2025Q1', 'x', '', 1); // 0.000001 万元
    src.add('A', '2025Q1', 'y', '', 0);
    const engine = new IndicatorEngine(
      {
        version: 't',
        indicators: [
          { id: 'r', label: 'r', unit: '%', kind: 'ratio', group: 'g', definition: '比', expr: { op: 'div', args: [{ field: 'x' }, { field: 'y' }] } },
          { id: 'd', label: 'd', unit: '万元', kind: 'amount', group: 'g', definition: '差', expr: { op: 'sub', args: [{ field: 'x' }, { op: 'const', value: 0 }] } },
        ],
      },
      new Map([
        ['x', 'amount'],
        ['y', 'amount'],
      ]),
    );
    expect(engine.evaluate('r', '2025Q1', { institutions: ['A'], member: null }, src).value).toBeNull();
    expect(engine.evaluate('d', '2025Q1', { institutions: ['A'], member: null }, src).value).toBeCloseTo(0.000001, 15);
  });
});
