/**
 * The chain and county tables of the report pack, as office tables
 * (src/services/exports/office-table.ts): the same sheets go to the .xlsx and,
 * as editable tables, into the Word report.
 */
import type { DB } from '../db/database';
import { scaledToNumber } from '../../domain/amount';
import { periodLabel } from '../../domain/charts/style';
import { balanceSheet, type OfficeRow, type OfficeSheet } from '../../domain/present/officeTable';
import { evaluateIndicator, loadRegionData, parseQuarterOrFail, type RegionData } from '../indicators';
import { chainByQuarter, institutionShortNames, regionChains, regionName, regionSums } from './data';

const SOURCE = '各金融机构季度报送';

/** Exact 万元 (the sheets are rounded once, by balanceSheet, so shown parts add up to shown totals). */
function amount(x: number | null | undefined): number | null {
  return x === null || x === undefined ? null : x;
}

function sumOf(rows: readonly OfficeRow[], key: string): number | null {
  const xs = rows.map((r) => r[key]).filter((v): v is number => typeof v === 'number');
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0);
}

function quarterData(db: DB, region: string, quarter: string): { data: RegionData; all: string[] } {
  const q = parseQuarterOrFail(quarter);
  const data = loadRegionData(db, region, q, q);
  return { data, all: data.institutions.map((i) => i.code) };
}

/** 各产业链：余额、当年累放、支持经营主体数、占涉农贷款比重、比年初增速、同比增速，及合计. */
export function chainSummarySheet(db: DB, region: string, quarter: string): OfficeSheet {
  const { data, all } = quarterData(db, region, quarter);
  const ind = (id: string, member: string): number | null => evaluateIndicator(data, id, quarter, all, member);
  const rows: OfficeRow[] = regionChains(db, region).map((c) => {
    const p = chainByQuarter(db, c, [quarter])[0];
    const entities = regionSums(db, region, ['chain_entities'], c.code, [quarter]).get(quarter)?.get('chain_entities') ?? null;
    return {
      chain: c.name,
      balance: amount(p?.balance),
      ytd: amount(p?.ytd),
      entities,
      share: ind('chain_share', c.code),
      growth: ind('chain_growth', c.code),
      yoy: ind('chain_yoy', c.code),
    };
  });
  const total: OfficeRow = {
    chain: '合计',
    balance: sumOf(rows, 'balance'),
    ytd: sumOf(rows, 'ytd'),
    entities: sumOf(rows, 'entities'),
    share: ind('chain_share', '*'),
    growth: ind('chain_growth', '*'),
    yoy: ind('chain_yoy', '*'),
    _bold: true,
  };
  const name = regionName(db, region);
  return balanceSheet({
    name: `${name}产业链`,
    title: `${name}重点产业链贷款情况表`,
    period: `报告期：${periodLabel(quarter)}`,
    unit: '单位：万元、个、%',
    columns: [
      { key: 'chain', header: '产业链', width: 16 },
      { key: 'balance', header: '贷款余额', width: 16, format: 'amount' },
      { key: 'ytd', header: '当年累计发放', width: 16, format: 'amount' },
      { key: 'entities', header: '支持经营主体（户次）', width: 12, format: 'integer' },
      { key: 'share', header: '占涉农贷款比重', width: 12, format: 'percent' },
      { key: 'growth', header: '比年初增速', width: 11, format: 'percent' },
      { key: 'yoy', header: '同比增速', width: 11, format: 'percent' },
    ],
    rows: [...rows, total],
    notes: ['说明：占比为产业链贷款余额占涉农贷款余额的比重；增速按可比口径（基期与报告期均报送的机构）计算。'],
    source: SOURCE,
  }, { keys: ['balance', 'ytd'], totalRow: rows.length });
}

/** 各机构×各产业链贷款余额. */
export function chainInstitutionSheet(db: DB, region: string, quarter: string): OfficeSheet {
  const chains = regionChains(db, region);
  const names = institutionShortNames(db);
  const values = db
    .prepare(
      `SELECT cv.institution, cv.member, cv.num FROM current_values cv JOIN institutions i ON i.code = cv.institution
       WHERE i.region = ? AND cv.quarter = ? AND cv.field_key = 'chain_bal' AND cv.num IS NOT NULL ORDER BY cv.institution`,
    )
    .all(region, quarter) as { institution: string; member: string; num: number }[];
  const institutions = [...new Set(values.map((r) => r.institution))];
  const rows: OfficeRow[] = institutions.map((inst) => {
    const row: OfficeRow = { institution: names.get(inst) ?? inst };
    let sum = 0;
    let any = false;
    for (const c of chains) {
      const hit = values.find((r) => r.institution === inst && r.member === c.code);
      row[c.code] = hit ? scaledToNumber(hit.num, 'amount') : null;
      if (hit) {
        sum += hit.num;
        any = true;
      }
    }
    row['total'] = any ? scaledToNumber(sum, 'amount') : null;
    return row;
  });
  const total: OfficeRow = { institution: '合计', _bold: true, total: sumOf(rows, 'total') };
  for (const c of chains) total[c.code] = sumOf(rows, c.code);
  const name = regionName(db, region);
  return balanceSheet({
    name: `${name}分机构`,
    title: `${name}重点产业链贷款分机构情况表`,
    period: `报告期：${periodLabel(quarter)}`,
    unit: '单位：万元',
    landscape: chains.length > 5,
    columns: [
      { key: 'institution', header: '机构', width: 16 },
      ...chains.map((c) => ({ key: c.code, header: c.name, width: 13, format: 'amount' as const })),
      { key: 'total', header: '合计', width: 14, format: 'amount' },
    ],
    rows: [...rows, total],
    notes: ['说明：表中为各机构报送的产业链贷款期末余额；「无数据」表示未报送。'],
    source: SOURCE,
  }, { keys: chains.map((c) => c.code), totalRow: rows.length, rowTotal: 'total' });
}

/** 金融兴产强县 by county: class, 首位产业, 涉农贷款 and 首位产业 figures (regions with counties only). */
export function countySheet(db: DB, region: string, quarter: string): OfficeSheet | null {
  const units = db
    .prepare(
      `SELECT u.code, u.name, u.class, u.leading_industry AS lead FROM region_units u JOIN regions r ON r.code = u.region
       WHERE u.region = ? AND r.unit_kind = 'county' ORDER BY u.sort, u.code`,
    )
    .all(region) as { code: string; name: string; class: string | null; lead: string | null }[];
  if (units.length === 0) return null;
  const { data, all } = quarterData(db, region, quarter);
  const ind = (id: string, member: string): number | null => evaluateIndicator(data, id, quarter, all, member);
  const row = (label: string, member: string, cls: string, lead: string): OfficeRow => ({
    county: label,
    class: cls,
    lead,
    agri: amount(ind('county_agri_bal', member)),
    leadBal: amount(ind('county_lead_bal', member)),
    leadYtd: amount(ind('county_lead_ytd', member)),
    growth: ind('county_lead_growth', member),
    share: ind('county_lead_share', member),
  });
  const name = regionName(db, region);
  return balanceSheet({
    name: `${name}分县`,
    title: `${name}「金融兴产强县」分县贷款情况表`,
    period: `报告期：${periodLabel(quarter)}`,
    unit: '单位：万元、%',
    landscape: true,
    columns: [
      { key: 'county', header: '县（市、区）', width: 12 },
      { key: 'class', header: '县域类别', width: 12, align: 'center' },
      { key: 'lead', header: '首位产业', width: 12, align: 'center' },
      { key: 'agri', header: '涉农贷款余额', width: 14, format: 'amount' },
      { key: 'leadBal', header: '首位产业贷款余额', width: 14, format: 'amount' },
      { key: 'leadYtd', header: '首位产业当年累放', width: 14, format: 'amount' },
      { key: 'growth', header: '首位产业贷款比年初增速', width: 12, format: 'percent' },
      { key: 'share', header: '首位产业贷款占县域涉农贷款比重', width: 13, format: 'percent' },
    ],
    rows: [...units.map((u) => row(u.name, u.code, u.class ?? '', u.lead ?? '')), { ...row('合计', '*', '', ''), _bold: true }],
    notes: ['说明：分县数据为各机构在该县贷款的合计；增速按可比口径计算。'],
    source: SOURCE,
  }, { keys: ['agri', 'leadBal', 'leadYtd'], totalRow: units.length });
}
