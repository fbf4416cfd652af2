/** The chain tables of the report pack, as ReportTables (written to .xlsx and into Word). */
import type { DB } from '../db/database';
import { scaledToNumber } from '../../domain/amount';
import type { ReportTable } from '../../domain/report/table';
import { periodLabel } from '../../domain/charts/style';
import { roundTo } from '../../domain/charts/format';
import { evaluateIndicator, loadRegionData, parseQuarterOrFail } from '../indicators';
import { chainByQuarter, institutionShortNames, regionChains, regionName, regionSums } from './data';

const SOURCE = '数据来源：各金融机构季度报送。';

function amount(x: number | null): number | null {
  return x === null ? null : roundTo(x, 2);
}

/** 各产业链：余额、当年累放、支持经营主体数、占涉农贷款比重、比年初增速、同比增速，及合计. */
export function chainSummaryTable(db: DB, region: string, quarter: string): ReportTable {
  const q = parseQuarterOrFail(quarter);
  const data = loadRegionData(db, region, q, q);
  const all = data.institutions.map((i) => i.code);
  const chains = regionChains(db, region);
  const rows = chains.map((c) => {
    const p = chainByQuarter(db, c, [quarter])[0];
    const entities = regionSums(db, region, ['chain_entities'], c.code, [quarter]).get(quarter)?.get('chain_entities') ?? null;
    return [
      c.name,
      amount(p?.balance ?? null),
      amount(p?.ytd ?? null),
      entities,
      evaluateIndicator(data, 'chain_share', quarter, all, c.code),
      evaluateIndicator(data, 'chain_growth', quarter, all, c.code),
      evaluateIndicator(data, 'chain_yoy', quarter, all, c.code),
    ];
  });
  const sum = (i: number): number | null => {
    const xs = rows.map((r) => r[i]).filter((v): v is number => typeof v === 'number');
    return xs.length === 0 ? null : roundTo(xs.reduce((a, b) => a + b, 0), 2);
  };
  return {
    sheet: `${regionName(db, region)}产业链`,
    title: `${regionName(db, region)}重点产业链贷款情况表`,
    period: periodLabel(quarter),
    unit: '单位：万元、个、%',
    columns: [
      { header: '产业链', kind: 'text', width: 16 },
      { header: '贷款余额（万元）', kind: 'amount', width: 16 },
      { header: '当年累计发放（万元）', kind: 'amount', width: 16 },
      { header: '支持经营主体数（个）', kind: 'count', width: 12 },
      { header: '占涉农贷款比重', kind: 'percent', width: 12 },
      { header: '比年初增速', kind: 'percent', width: 11 },
      { header: '同比增速', kind: 'percent', width: 11 },
    ],
    rows,
    total: [
      '合计',
      sum(1),
      sum(2),
      sum(3),
      evaluateIndicator(data, 'chain_share', quarter, all, '*'),
      evaluateIndicator(data, 'chain_growth', quarter, all, '*'),
      evaluateIndicator(data, 'chain_yoy', quarter, all, '*'),
    ],
    note: `${SOURCE}占比为产业链贷款余额占涉农贷款余额的比重；增速按可比口径（基期与报告期均报送的机构）计算，「—」表示无数据。`,
  };
}

/** 各机构×各产业链贷款余额. */
export function chainInstitutionTable(db: DB, region: string, quarter: string): ReportTable {
  const chains = regionChains(db, region);
  const names = institutionShortNames(db);
  const rows = db
    .prepare(
      `SELECT cv.institution, cv.member, cv.num FROM current_values cv JOIN institutions i ON i.code = cv.institution
       WHERE i.region = ? AND cv.quarter = ? AND cv.field_key = 'chain_bal' AND cv.num IS NOT NULL ORDER BY cv.institution`,
    )
    .all(region, quarter) as { institution: string; member: string; num: number }[];
  const institutions = [...new Set(rows.map((r) => r.institution))];
  const value = (inst: string, chain: string): number | null => {
    const hit = rows.find((r) => r.institution === inst && r.member === chain);
    return hit ? roundTo(scaledToNumber(hit.num, 'amount'), 2) : null;
  };
  const body = institutions.map((inst) => {
    const vals = chains.map((c) => value(inst, c.code));
    const present = vals.filter((v): v is number => v !== null);
    return [names.get(inst) ?? inst, ...vals, present.length ? roundTo(present.reduce((a, b) => a + b, 0), 2) : null];
  });
  const columnTotal = (i: number): number | null => {
    const xs = body.map((r) => r[i]).filter((v): v is number => typeof v === 'number');
    return xs.length ? roundTo(xs.reduce((a, b) => a + b, 0), 2) : null;
  };
  return {
    sheet: `${regionName(db, region)}分机构`,
    title: `${regionName(db, region)}重点产业链贷款分机构情况表`,
    period: periodLabel(quarter),
    unit: '单位：万元',
    columns: [{ header: '机构', kind: 'text', width: 14 }, ...chains.map((c) => ({ header: c.name, kind: 'amount' as const, width: 12 })), { header: '合计', kind: 'amount', width: 13 }],
    rows: body,
    total: ['合计', ...chains.map((_, i) => columnTotal(i + 1)), columnTotal(chains.length + 1)],
    note: `${SOURCE}表中为各机构报送的产业链贷款期末余额，「—」表示未报送。`,
  };
}

/** 金融兴产强县 by county: class, 首位产业, 涉农贷款 and 首位产业 figures (安康; regions with counties only). */
export function countyTable(db: DB, region: string, quarter: string): ReportTable | null {
  const units = db
    .prepare(`SELECT u.code, u.name, u.class, u.leading_industry AS lead FROM region_units u JOIN regions r ON r.code = u.region WHERE u.region = ? AND r.unit_kind = 'county' ORDER BY u.sort, u.code`)
    .all(region) as { code: string; name: string; class: string | null; lead: string | null }[];
  if (units.length === 0) return null;
  const q = parseQuarterOrFail(quarter);
  const data = loadRegionData(db, region, q, q);
  const all = data.institutions.map((i) => i.code);
  const ind = (id: string, member: string): number | null => evaluateIndicator(data, id, quarter, all, member);
  const rows = units.map((u) => [
    u.name,
    u.class ?? '—',
    u.lead ?? '—',
    amount(ind('county_agri_bal', u.code)),
    amount(ind('county_lead_bal', u.code)),
    amount(ind('county_lead_ytd', u.code)),
    ind('county_lead_growth', u.code),
    ind('county_lead_share', u.code),
  ]);
  return {
    sheet: `${regionName(db, region)}分县`,
    title: `${regionName(db, region)}「金融兴产强县」分县贷款情况表`,
    period: periodLabel(quarter),
    unit: '单位：万元、%',
    columns: [
      { header: '县（市、区）', kind: 'text', width: 12 },
      { header: '县域类别', kind: 'text', width: 12 },
      { header: '首位产业', kind: 'text', width: 12 },
      { header: '涉农贷款余额', kind: 'amount', width: 14 },
      { header: '首位产业贷款余额', kind: 'amount', width: 14 },
      { header: '首位产业当年累放', kind: 'amount', width: 14 },
      { header: '首位产业贷款比年初增速', kind: 'percent', width: 12 },
      { header: '首位产业贷款占县域涉农贷款比重', kind: 'percent', width: 12 },
    ],
    rows,
    total: [
      '合计',
      '',
      '',
      amount(ind('county_agri_bal', '*')),
      amount(ind('county_lead_bal', '*')),
      amount(ind('county_lead_ytd', '*')),
      ind('county_lead_growth', '*'),
      ind('county_lead_share', '*'),
    ],
    note: `${SOURCE}分县数据为各机构在该县发放贷款的合计；增速按可比口径计算，「—」表示无数据。`,
  };
}
