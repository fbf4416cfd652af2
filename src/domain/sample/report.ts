/**
 * One sample quarterly report: every input of the layout filled with a value a
 * real bank of that kind could have reported, consistent with the catalogue's
 * constraints (其中 ≤ 合计, member splits within totals, min/max) and with the
 * same institution's other quarters (steady growth with noise, YTD figures that
 * grow through the year and restart in Q1). Pure: same inputs, same values.
 */
import type { TemplateLayout, InputCell, FormValue } from '../catalogue/layout';
import { definedNameFor } from '../catalogue/layout';
import type { InstitutionType, RegionUnit } from '../catalogue/types';
import { addQuarters, quarterIndex, quarterLabel, sameQuarterLastYear, yearStartBase, type CalendarDate, type Quarter } from '../quarter';
import { rngFor, splitExact, type Rng } from './random';
import { GROWTH_CURVE, REGION_FACTOR, SIZE_FACTOR, URBAN_SHARE, YTD_CURVE, lpr5For, lprFor, profileFor, type BankProfile, type Range } from './profiles';
import { caseText, problemsText, suggestionsText, workText, type TextFacts } from './texts';

export interface SampleSubject {
  code: string;
  name: string;
  type: InstitutionType;
  size: '大型' | '中型' | '小型';
  region: string;
  county: string | null;
  legalPerson: boolean;
}

export interface SampleRegion {
  code: string;
  name: string;
  units: RegionUnit[];
  /** 行政村 in the whole region, for village coverage counts. */
  villages: number;
  phonePrefix: string;
}

export interface SampleReportInput {
  layout: TemplateLayout;
  region: SampleRegion;
  institution: SampleSubject;
  quarter: Quarter;
  seed: number;
  fillDate: CalendarDate;
  /** A first draft with an under-reported 农户贷款, corrected later by a resubmission. */
  draft?: boolean;
  /**
   * What the bank reported (its current file) for an earlier quarter, by defined name: the
   * 年初数 and 上年同期数 columns of RV-2026.1 repeat it, restated where the 2024 城乡划分
   * change applies. Without it those columns stay blank.
   */
  reported?: (q: Quarter) => ReadonlyMap<string, FormValue> | null;
}

/**
 * The 2024 城乡划分 change (县城城区 and 开发区 counted as 城市区域 from the 2024Q4 report on):
 * a county's own banks lent in their county towns, so their 涉农贷款 up to 2024Q3 was larger on
 * the old basis by this share; their RV-2026.1 reports restate 上年同期数 on the new basis.
 */
const LAST_OLD_BASIS: Quarter = { year: 2024, q: 3 };
const RESTATED_BALANCES = ['agri_loans_bal', 'farmer_loans_bal', 'nae_loans_bal', 'inclusive_agri_bal'] as const;

function oldBasisShare(seed: number, inst: Pick<SampleSubject, 'code' | 'type'>): number {
  if (inst.type !== '农商行/农信社' && inst.type !== '村镇银行') return 0;
  return rngFor(seed, 'urban-rural', inst.code).between(0.03, 0.08);
}

/** The base columns a report restates (上年同期数 of a quarter reported on the old basis), by field key. */
export function restatedBases(seed: number, inst: Pick<SampleSubject, 'code' | 'type'>, q: Quarter): string[] {
  if (oldBasisShare(seed, inst) === 0 || quarterIndex(sameQuarterLastYear(q)) > quarterIndex(LAST_OLD_BASIS)) return [];
  return RESTATED_BALANCES.map((k) => `${k}_ly`);
}

/** The label a sample report carries on its cover, so nobody mistakes it for real data. */
export const SAMPLE_MARK = '示例数据';

/** Scalars of RV-2026.1 computed from their own stream (see sampleReport). */
const NEW_SCALARS = [
  'farmer_prod_bal', 'farmer_prod_ytd', 'farmer_cons_bal', 'farmer_cons_ytd', 'rural_org_bal', 'rural_org_ytd', 'urban_org_agri_bal', 'urban_org_agri_ytd',
  'agri_sector_bal', 'agri_sector_ytd', 'family_farm_bal', 'coop_bal', 'leading_ent_bal', 'agri_mlt_bal', 'agri_credit_bal', 'farmer_npl_bal', 'inclusive_agri_npl_bal',
  'inclusive_agri_new_le1y', 'inclusive_agri_new_1to3y', 'pov_new_le1y', 'pov_new_1to3y',
  'keyarea_total_bal', 'keyarea_total_ytd', 'keyarea_total_mlt_bal', 'prop_total_bal', 'prop_total_count', 'sidai_total_amount', 'sidai_total_count',
] as const;

/** Balances start from the end of 2019 so every stored quarter (from 2020Q1) has a history. */
const EPOCH: Quarter = { year: 2019, q: 4 };

const lerp = (r: Range, u: number): number => r[0] + (r[1] - r[0]) * u;
/** 万元 → whole hundredths of a 万元 (what the form shows with two decimals). */
const cents = (wan: number): number => Math.max(0, Math.round(wan * 100));
const rate4 = (x: number): number => Math.round(x * 10000) / 10000;

interface Traits {
  profile: BankProfile;
  loans0: number;
  growth: number;
  edge: number;
  share0: number;
  turnover: number;
  npl: number;
  farmer: number;
  nae: number;
  inclusive: number;
  poverty: number;
  startup: number;
  chain: number;
  reach: number;
  /** Share by which 涉农贷款 was larger on the old 城乡划分 basis (0 where the change did not matter). */
  oldBasis: number;
}

function traitsOf(seed: number, inst: SampleSubject): Traits {
  const profile = profileFor(inst.type, inst.name);
  const r = rngFor(seed, 'traits', inst.code);
  const scale = SIZE_FACTOR[inst.size] * (REGION_FACTOR[inst.region] ?? 1);
  return {
    profile,
    loans0: lerp(profile.loans, r.next()) * scale,
    growth: lerp(profile.growth, r.next()),
    edge: lerp(profile.agriGrowthEdge, r.next()),
    share0: lerp(profile.agriShare, r.next()),
    turnover: lerp(profile.turnover, r.next()),
    npl: lerp(profile.nplRatio, r.next()),
    farmer: lerp(profile.farmerShare, r.next()),
    nae: lerp(profile.naeShare, r.next()),
    inclusive: lerp(profile.inclusiveShare, r.next()),
    poverty: lerp(profile.povertyShare, r.next()),
    startup: lerp(profile.startupShare, r.next()),
    chain: lerp(profile.chainShare, r.next()),
    reach: profile.reach * scale,
    oldBasis: oldBasisShare(seed, inst),
  };
}

interface Balances {
  total: number;
  agri: number;
}

/** Quarter-end balances (万元) from the epoch to `last`, growth shaped by the season and a yearly shock. */
function balancePath(seed: number, code: string, t: Traits, last: Quarter): Map<number, Balances> {
  const path = new Map<number, Balances>();
  let total = t.loans0;
  let agri = t.loans0 * t.share0;
  path.set(quarterIndex(EPOCH), { total, agri });
  for (let i = quarterIndex(EPOCH) + 1; i <= quarterIndex(last); i++) {
    const q = addQuarters(EPOCH, i - quarterIndex(EPOCH));
    const yearShock = rngFor(seed, 'year', code, q.year).normal() * 0.012;
    const step = rngFor(seed, 'step', code, i);
    const season = GROWTH_CURVE[q.q - 1] ?? 0.25;
    total *= 1 + (t.growth + yearShock) * season + step.normal() * 0.004;
    agri *= 1 + (t.growth + t.edge + yearShock) * season + step.normal() * 0.004;
    agri = Math.min(agri, total * 0.985);
    // Reported on the old 城乡划分 basis up to 2024Q3: the county towns still counted as rural.
    const reported = i <= quarterIndex(LAST_OLD_BASIS) ? Math.min(agri * (1 + t.oldBasis), total * 0.985) : agri;
    path.set(i, { total, agri: reported });
  }
  return path;
}

function at(path: Map<number, Balances>, q: Quarter): Balances {
  const b = path.get(quarterIndex(q));
  if (!b) throw new RangeError(`no balance for ${q.year}Q${q.q}`);
  return b;
}

/** Members of a dimension as the layout lists them for one field key. */
function membersOf(layout: TemplateLayout, key: string): InputCell[] {
  return layout.inputs.filter((i) => i.key === key && i.member !== null);
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '胡', '朱', '高', '何', '罗', '郑'];
const GIVEN = ['敏', '静', '伟', '芳', '磊', '娜', '强', '洁', '军', '丽', '涛', '燕', '勇', '艳', '杰', '娟', '斌', '婷', '鹏', '琳'];

function personName(r: Rng): string {
  return r.pick(SURNAMES) + r.pick(GIVEN) + (r.next() < 0.6 ? r.pick(GIVEN) : '');
}

export function sampleReport(input: SampleReportInput): Map<string, FormValue> {
  const { layout, region, institution: inst, quarter: q, seed } = input;
  const t = traitsOf(seed, inst);
  const path = balancePath(seed, inst.code, t, { year: q.year, q: 4 });
  const now = at(path, q);
  const yearStart = at(path, { year: q.year - 1, q: 4 });
  const yearEnd = at(path, { year: q.year, q: 4 });
  const qr = rngFor(seed, 'quarter', inst.code, q.year, q.q);
  const jitter = (spread = 0.03): number => 1 + (qr.next() - 0.5) * 2 * spread;
  const curve = YTD_CURVE[q.q - 1] ?? 1;
  const years = q.year - 2020 + q.q / 4;

  // 各项贷款 / 涉农贷款: balances and year-to-date disbursement (restarts each January).
  const T = cents(now.total);
  const A = Math.min(cents(now.agri), T);
  const yearly = t.turnover * ((yearStart.total + yearEnd.total) / 2);
  const TY = cents(yearly * curve * jitter(0.01));
  const AY = Math.min(TY, cents(yearly * curve * (now.agri / now.total) * jitter(0.02)));
  const part = (whole: number, share: number): number => Math.min(whole, Math.round(whole * share * jitter()));

  const s = new Map<string, number | null>();
  s.set('loans_total_bal', T);
  s.set('loans_total_ytd', TY);
  s.set('agri_loans_bal', A);
  s.set('agri_loans_ytd', AY);
  const farmer = part(A, t.farmer);
  const farmerShown = input.draft ? Math.round(farmer * 0.9) : farmer;
  s.set('farmer_loans_bal', farmerShown);
  const farmerYtd = part(AY, t.farmer);
  s.set('farmer_loans_ytd', farmerYtd);
  const nae = part(A, t.nae);
  s.set('nae_loans_bal', nae);
  s.set('nae_loans_ytd', part(AY, t.nae));
  const inclusive = part(A, t.inclusive);
  const inclusiveYtd = part(AY, t.inclusive);
  s.set('inclusive_agri_bal', inclusive);
  s.set('inclusive_agri_ytd', inclusiveYtd);
  const npl = part(T, t.npl);
  s.set('npl_total_bal', npl);
  const agriNpl = Math.min(npl, part(A, t.npl * 1.15));
  s.set('agri_npl_bal', agriNpl);

  // 脱贫人口小额信贷 and 创业担保贷款.
  const pov = Math.min(s.get('farmer_loans_bal') ?? 0, part(farmer, t.poverty));
  s.set('pov_bal', pov);
  const povYtd = Math.round(pov * 0.35 * curve * jitter());
  s.set('pov_ytd', povYtd);
  s.set('pov_households', pov > 0 ? Math.max(1, Math.round(pov / 100 / (3.2 + qr.next() * 1.3))) : 0);
  s.set('pov_npl', Math.min(pov, Math.round(pov * (0.003 + qr.next() * 0.009))));
  const sgl = part(T, t.startup);
  s.set('sgl_bal', sgl);
  s.set('sgl_ytd', Math.round(sgl * 0.65 * curve * jitter()));
  s.set('sgl_subsidy_ytd', Math.round(sgl * 0.045 * 0.5 * (q.q / 4)));

  // 基础金融服务 counts grow slowly with the years.
  const reach = t.reach;
  const grow = (base: number, perYear: number): number => Math.max(0, Math.round(base * reach * (1 + perYear * years) * jitter(0.02)));
  // A county's own bank serves that county's villages; a city branch a share of the region's.
  const countyBank = inst.legalPerson && inst.county !== null && region.units.length > 0;
  const villagesTotal = countyBank ? Math.round(region.villages / region.units.length) : Math.round(region.villages * Math.min(1, reach));
  const covered = Math.min(villagesTotal, Math.round(villagesTotal * Math.min(1, 0.62 + 0.09 * years)));
  const naeTotal = grow(620, 0.07);
  const wholeVillages = Math.round(covered * (0.45 + 0.1 * Math.min(3, years)) * jitter(0.02));
  s.set('credit_households', grow(40_000, 0.08));
  s.set('credit_villages', Math.min(villagesTotal, Math.round(villagesTotal * Math.min(0.9, 0.35 + 0.1 * years))));
  s.set('credit_towns', grow(26, 0.05));
  s.set('whole_village_villages', Math.min(covered, wholeVillages));
  s.set('whole_village_amount', Math.min(wholeVillages, covered) * Math.round(18_000 + qr.next() * 20_000));
  s.set('finance_supermarkets', grow(12, 0.05));
  s.set('service_stations', grow(20, 0.1));
  s.set('cash_points', grow(180, 0.03));
  s.set('fin_edu_activities', Math.max(1, grow(24, 0.05)));
  s.set('villages_total', villagesTotal);
  s.set('villages_covered', covered);
  s.set('nae_total', naeTotal);
  s.set('nae_rated', Math.min(naeTotal, Math.round(naeTotal * Math.min(1, 0.45 + 0.2 * years))));
  s.set('relending_bal', inst.legalPerson ? part(A, 0.03) : 0);
  const guarantee = part(A, 0.012);
  s.set('guarantee_loans_bal', guarantee);
  // Later draws of the quarter's stream (qr) come after these, so that adding fields to a
  // newer form never changes the figures the older form carries.

  const values = new Map<string, FormValue>();
  const amountOf = (v: number): number => v / 100;
  const setScalar = (key: string, v: FormValue): void => {
    values.set(definedNameFor(key, null), v);
  };
  for (const [key, v] of s) {
    const type = layout.inputs.find((i) => i.key === key)?.type;
    if (type) setScalar(key, v === null ? null : type === 'amount' ? amountOf(v) : v);
  }
  const lpr = lprFor(q.year);
  setScalar('pov_rate', pov > 0 ? rate4(lpr - 0.0005 + qr.next() * 0.0008) : null);
  setScalar('sgl_subsidy_share', sgl > 0 ? 0.5 : null);
  setScalar('guarantee_fee_rate', guarantee > 0 ? rate4(Math.max(0.005, 0.014 - 0.0012 * years + qr.next() * 0.002)) : null);
  // The average 贴息率 of the older forms (RV-2026.2 asks for the subsidised loans instead, set below);
  // drawn on every form so that the draws after it stay the same.
  const averageSubsidy = rate4(Math.min(lpr * 0.5, 0.011 + qr.next() * 0.004));
  if (layout.inputs.some((i) => i.key === 'agri_subsidy_rate')) setScalar('agri_subsidy_rate', averageSubsidy);

  // Member grids: 重点领域 within 涉农贷款, chains and counties split from their totals.
  const traitRng = (what: string, member: string): Rng => rngFor(seed, 'member', inst.code, what, member);
  const setMembers = (key: string, parts: number[], cells: InputCell[], asAmount: boolean): void => {
    cells.forEach((c, i) => values.set(c.definedName, asAmount ? amountOf(parts[i] ?? 0) : (parts[i] ?? 0)));
  };

  const keyareaBal = membersOf(layout, 'keyarea_bal');
  setMembers('keyarea_bal', keyareaBal.map((c) => part(A, traitRng('keyarea', c.member ?? '').between(0.02, 0.14))), keyareaBal, true);
  const keyareaYtd = membersOf(layout, 'keyarea_ytd');
  setMembers('keyarea_ytd', keyareaYtd.map((c) => part(AY, traitRng('keyarea', c.member ?? '').between(0.02, 0.14))), keyareaYtd, true);

  const unitOf = inst.county ? region.units.find((u) => u.code === inst.county) : undefined;
  const chainBal = membersOf(layout, 'chain_bal');
  const chainWeights = chainBal.map((c) => traitRng('chain', c.member ?? '').between(0.3, 1.5) * (unitOf?.leadingChain === c.member && inst.legalPerson ? 3 : 1));
  const chainTotal = Math.round(A * t.chain * jitter());
  const chainParts = splitExact(chainTotal, chainWeights);
  setMembers('chain_bal', chainParts, chainBal, true);
  const chainYtdCells = membersOf(layout, 'chain_ytd');
  setMembers('chain_ytd', splitExact(Math.round(AY * t.chain * jitter()), chainWeights), chainYtdCells, true);
  const perEntity = inst.type === '政策性银行' ? 1800 : inst.type === '村镇银行' ? 25 : 90;
  const entityCells = membersOf(layout, 'chain_entities');
  setMembers(
    'chain_entities',
    entityCells.map((c) => {
      const bal = chainParts[chainBal.findIndex((b) => b.member === c.member)] ?? 0;
      return bal > 0 ? Math.max(1, Math.round(bal / 100 / (perEntity * traitRng('entity', c.member ?? '').between(0.7, 1.3)))) : 0;
    }),
    entityCells,
    false,
  );

  const countyCells = membersOf(layout, 'county_agri_bal');
  if (countyCells.length) {
    // A county's own bank lends at home; a city branch lends everywhere, most where it sits.
    const weights = countyCells.map((c) =>
      inst.legalPerson && inst.county ? (c.member === inst.county ? 1 : 0) : traitRng('county', c.member ?? '').between(0.5, 1.5) * (c.member === inst.county ? 2.5 : 1),
    );
    const countyParts = splitExact(A, weights);
    setMembers('county_agri_bal', countyParts, countyCells, true);
    const leadCells = membersOf(layout, 'county_lead_bal');
    const leadParts = leadCells.map((c) => {
      const agri = countyParts[countyCells.findIndex((x) => x.member === c.member)] ?? 0;
      return Math.min(agri, Math.round(agri * traitRng('lead', c.member ?? '').between(0.12, 0.35)));
    });
    setMembers('county_lead_bal', leadParts, leadCells, true);
    const leadYtdCells = membersOf(layout, 'county_lead_ytd');
    setMembers('county_lead_ytd', leadYtdCells.map((_c, i) => Math.round((leadParts[i] ?? 0) * t.turnover * curve * jitter())), leadYtdCells, true);
  }

  const local = reach >= 0.3 ? 1 : 0.15;
  const propBal = membersOf(layout, 'prop_bal');
  const propParts = propBal.map((c) => Math.round(A * traitRng('prop', c.member ?? '').between(0.001, 0.012) * local * jitter()));
  setMembers('prop_bal', propParts, propBal, true);
  const propCount = membersOf(layout, 'prop_count');
  setMembers('prop_count', propCount.map((_c, i) => ((propParts[i] ?? 0) > 0 ? Math.max(1, Math.round((propParts[i] ?? 0) / 100 / 22)) : 0)), propCount, false);
  const sidaiAmount = membersOf(layout, 'sidai_amount');
  const sidaiParts = sidaiAmount.map((c) => Math.round(TY * traitRng('sidai', c.member ?? '').between(0.01, 0.06) * jitter()));
  setMembers('sidai_amount', sidaiParts, sidaiAmount, true);
  const sidaiCount = membersOf(layout, 'sidai_count');
  setMembers('sidai_count', sidaiCount.map((_c, i) => ((sidaiParts[i] ?? 0) > 0 ? Math.max(1, Math.round((sidaiParts[i] ?? 0) / 100 / 35)) : 0)), sidaiCount, false);

  // RV-2026.1: the components of 涉农贷款 (涉农贷款专项统计), by purpose, by entity, by tenor.
  // Drawn from their own streams, after everything the older form carries.
  const nr = rngFor(seed, 'rv2026', inst.code, q.year, q.q);
  const nj = (spread = 0.03): number => 1 + (nr.next() - 0.5) * 2 * spread;
  const share = (whole: number, lo: number, hi: number): number => Math.min(whole, Math.round(whole * traitRng('share', `${lo}-${hi}`).between(lo, hi) * nj()));
  const urbanShare = URBAN_SHARE[inst.type] ?? 0.2;
  const prodShare = traitRng('farmer', 'production').between(0.78, 0.9);
  const split = (total: number, shown: number, ytd: boolean): void => {
    const prod = Math.round(shown * prodShare);
    s.set(ytd ? 'farmer_prod_ytd' : 'farmer_prod_bal', prod);
    s.set(ytd ? 'farmer_cons_ytd' : 'farmer_cons_bal', shown - prod);
    const urban = Math.min(total - shown, Math.round((total - shown) * urbanShare * nj()));
    s.set(ytd ? 'urban_org_agri_ytd' : 'urban_org_agri_bal', urban);
    s.set(ytd ? 'rural_org_ytd' : 'rural_org_bal', total - shown - urban);
  };
  split(A, farmerShown, false);
  split(AY, farmerYtd, true);
  s.set('agri_sector_bal', share(A, 0.22, 0.45));
  s.set('agri_sector_ytd', share(AY, 0.22, 0.45));
  s.set('family_farm_bal', share(nae, 0.2, 0.28));
  s.set('coop_bal', share(nae, 0.15, 0.22));
  s.set('leading_ent_bal', share(nae, 0.3, 0.38));
  s.set('agri_mlt_bal', share(A, inst.type === '政策性银行' ? 0.7 : 0.35, inst.type === '政策性银行' ? 0.85 : 0.6));
  s.set('agri_credit_bal', share(A, inst.type === '农商行/农信社' || inst.type === '村镇银行' ? 0.18 : 0.06, inst.type === '农商行/农信社' || inst.type === '村镇银行' ? 0.32 : 0.16));
  s.set('farmer_npl_bal', Math.min(agriNpl, Math.min(farmerShown, Math.round(farmerShown * t.npl * 1.2 * nj()))));
  s.set('inclusive_agri_npl_bal', Math.min(agriNpl, Math.min(inclusive, Math.round(inclusive * t.npl * 1.1 * nj()))));
  const le1yShare = traitRng('tenor', 'inclusive').between(0.5, 0.7);
  const incLe1y = Math.round(inclusiveYtd * le1yShare);
  const inc1to3y = Math.round((inclusiveYtd - incLe1y) * traitRng('tenor', 'inclusive-3y').between(0.6, 0.9));
  s.set('inclusive_agri_new_le1y', incLe1y);
  s.set('inclusive_agri_new_1to3y', inc1to3y);
  const povLe1y = Math.round(povYtd * traitRng('tenor', 'poverty').between(0.1, 0.3));
  s.set('pov_new_le1y', povLe1y);
  s.set('pov_new_1to3y', povYtd - povLe1y);

  // 重点领域 中长期 and the 合计 rows (each loan once), 产权抵押 合计 (classes do not overlap), 四贷 合计.
  const keyareaMlt = membersOf(layout, 'keyarea_mlt_bal');
  const balOf = (key: string, member: string | null): number => Math.round(Number(values.get(definedNameFor(key, member)) ?? 0) * 100);
  const mltParts = keyareaMlt.map((c) => share(balOf('keyarea_bal', c.member), 0.4, 0.7));
  setMembers('keyarea_mlt_bal', mltParts, keyareaMlt, true);
  const dedup = traitRng('keyarea', 'overlap').between(0.7, 0.9);
  const dedupTotal = (parts: number[]): number => Math.max(0, ...parts, Math.round(parts.reduce((a, b) => a + b, 0) * dedup));
  s.set('keyarea_total_bal', dedupTotal(membersOf(layout, 'keyarea_bal').map((c) => balOf('keyarea_bal', c.member))));
  s.set('keyarea_total_ytd', dedupTotal(membersOf(layout, 'keyarea_ytd').map((c) => balOf('keyarea_ytd', c.member))));
  s.set('keyarea_total_mlt_bal', dedupTotal(mltParts));
  s.set('prop_total_bal', propParts.reduce((a, b) => a + b, 0));
  s.set('prop_total_count', membersOf(layout, 'prop_count').reduce((n, c) => n + Number(values.get(c.definedName) ?? 0), 0));
  const sidaiOverlap = traitRng('sidai', 'overlap').between(0.75, 0.9);
  s.set('sidai_total_amount', Math.max(0, ...sidaiParts, Math.round(sidaiParts.reduce((a, b) => a + b, 0) * sidaiOverlap)));
  const sidaiCounts = sidaiCount.map((c) => Number(values.get(c.definedName) ?? 0));
  s.set('sidai_total_count', Math.max(0, ...sidaiCounts, Math.round(sidaiCounts.reduce((a, b) => a + b, 0) * sidaiOverlap)));
  for (const key of NEW_SCALARS) {
    const v = s.get(key);
    const type = layout.inputs.find((i) => i.key === key)?.type;
    if (type && v !== undefined) setScalar(key, v === null ? null : type === 'amount' ? amountOf(v) : v);
  }
  // Pricing of what was lent this year: 1-year LPR for up to a year, 5-year-plus LPR for 1–3 years.
  const lpr5 = lpr5For(q.year);
  const rateOr = (amount: number, r: number): number | null => (amount > 0 ? rate4(r) : null);
  const onForm = new Set(layout.inputs.map((i) => i.key));
  const setIf = (key: string, v: FormValue): void => {
    if (onForm.has(key)) setScalar(key, v);
  };
  setIf('agri_new_rate', rateOr(AY, lpr + traitRng('rate', 'agri').between(0.003, 0.012) + (nr.next() - 0.5) * 0.001));
  setIf('inclusive_agri_new_le1y_rate', rateOr(incLe1y, lpr + traitRng('rate', 'inclusive-1y').between(0.002, 0.01)));
  setIf('inclusive_agri_new_1to3y_rate', rateOr(inc1to3y, lpr5 + traitRng('rate', 'inclusive-3y').between(-0.002, 0.008)));
  setIf('pov_new_le1y_rate', rateOr(povLe1y, lpr - traitRng('rate', 'poverty-1y').between(0, 0.0015)));
  setIf('pov_new_1to3y_rate', rateOr(povYtd - povLe1y, lpr5 - traitRng('rate', 'poverty-3y').between(0, 0.003) + (inst.type === '城商行' ? 0.002 : 0)));
  // 农业产业项目贴息贷款 (RV-2026.2, 璧山 policy （八）): a few percent of the year's 涉农 lending, its
  // 贴息率 under half the LPR, except the 城商行's longer loans a little above (to be flagged).
  if (onForm.has('agri_subsidy_new')) {
    const sub = inst.region === 'bishan' ? Math.round(AY * traitRng('subsidy', 'share').between(0.02, 0.06)) : 0;
    const subLe1y = Math.round(sub * traitRng('subsidy', 'tenor').between(0.3, 0.6));
    const rLe1y = rateOr(subLe1y, lpr * 0.5 - traitRng('subsidy', 'rate-1y').between(0.001, 0.004));
    const rGt1y = rateOr(sub - subLe1y, lpr5 * 0.5 - traitRng('subsidy', 'rate-long').between(0.001, 0.004) + (inst.type === '城商行' ? 0.005 : 0));
    setScalar('agri_subsidy_new', amountOf(sub));
    setScalar('agri_subsidy_new_le1y', amountOf(subLe1y));
    setScalar('agri_subsidy_new_gt1y', amountOf(sub - subLe1y));
    setScalar('agri_subsidy_new_le1y_rate', rLe1y);
    setScalar('agri_subsidy_new_gt1y_rate', rGt1y);
    setScalar('agri_subsidy_new_rate', sub > 0 ? rate4((subLe1y * (rLe1y ?? 0) + (sub - subLe1y) * (rGt1y ?? 0)) / sub) : null);
  }

  // 年初数 and 上年同期数: what the bank reported then, restated on the new 城乡划分 basis where it changed.
  const earlier = (key: string, member: string | null, when: Quarter, restate: boolean): number | null => {
    const v = input.reported?.(when)?.get(definedNameFor(key, member));
    if (typeof v !== 'number') return null;
    return restate && t.oldBasis > 0 && quarterIndex(when) <= quarterIndex(LAST_OLD_BASIS) ? Math.round((v / (1 + t.oldBasis)) * 100) / 100 : v;
  };
  const ys = yearStartBase(q);
  const ly = sameQuarterLastYear(q);
  for (const key of ['loans_total_bal', ...RESTATED_BALANCES]) {
    const restate = key !== 'loans_total_bal';
    setIf(`${key}_ys`, earlier(key, null, ys, restate));
    setIf(`${key}_ly`, earlier(key, null, ly, restate));
  }
  for (const c of membersOf(layout, 'county_agri_bal_ys')) values.set(c.definedName, earlier('county_agri_bal', c.member, ys, true));

  // Cover and text answers.
  const people = rngFor(seed, 'people', inst.code);
  const phone = `${region.phonePrefix}-${people.int(3_000_000, 8_999_999)}`;
  const facts: TextFacts = {
    institution: inst.name,
    quarterLabel: quarterLabel(q),
    regionName: region.name,
    agriYi: A / 100 / 10_000,
    agriGrowthPct: (now.agri / yearStart.agri - 1) * 100,
    totalGrowthPct: (now.total / yearStart.total - 1) * 100,
    agriYtdYi: AY / 100 / 10_000,
    farmerYi: farmer / 100 / 10_000,
    chainNames: chainBal.map((c) => c.memberName ?? '').filter(Boolean),
    countyName: unitOf?.name ?? null,
    leadingIndustry: unitOf?.leadingIndustry ?? null,
    povertyHouseholds: Number(s.get('pov_households') ?? 0),
  };
  const textRng = rngFor(seed, 'text', inst.code, q.year, q.q);
  const cover: Record<string, FormValue> = {
    cover_institution: inst.name,
    cover_institution_code: inst.code,
    cover_quarter: `${q.year}Q${q.q}`,
    cover_preparer: `${personName(people)}（${SAMPLE_MARK}）`,
    cover_phone: phone,
    cover_reviewer: `${personName(people)}（${SAMPLE_MARK}）`,
    cover_fill_date: input.fillDate,
    text_work: workText(textRng, facts),
    text_problems: problemsText(textRng),
    text_suggestions: suggestionsText(textRng),
    text_cases: caseText(textRng, facts),
  };
  for (const [key, v] of Object.entries(cover)) if (layout.inputs.some((i) => i.key === key)) setScalar(key, v);

  // Fields a newer catalogue adds get a cautious value that honours their constraints.
  for (const cell of layout.inputs) if (!values.has(cell.definedName)) values.set(cell.definedName, fallbackValue(cell));
  return values;
}

function fallbackValue(cell: InputCell): FormValue {
  const f = cell.field;
  if (f.type === 'text') return f.required ? '无' : null;
  if (f.type === 'date') return null;
  return f.min ?? 0;
}
