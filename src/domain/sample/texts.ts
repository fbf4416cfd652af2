/**
 * The text answers of a sample report (工作开展情况, 存在问题, 政策建议, 典型案例):
 * short paragraphs in the voice of a bank's 乡村振兴 office, built from the
 * report's own figures so text and numbers agree.
 */
import type { Rng } from './random';

export interface TextFacts {
  institution: string;
  quarterLabel: string;
  regionName: string;
  /** 涉农贷款余额, 亿元. */
  agriYi: number;
  /** 涉农贷款比年初增长, %. */
  agriGrowthPct: number;
  /** 各项贷款比年初增长, %. */
  totalGrowthPct: number;
  /** 涉农贷款当年累计发放, 亿元. */
  agriYtdYi: number;
  farmerYi: number;
  chainNames: string[];
  countyName: string | null;
  leadingIndustry: string | null;
  povertyHouseholds: number;
}

const yi = (x: number): string => x.toFixed(2);
const pct = (x: number): string => x.toFixed(2);

const WORK_OPENINGS = [
  '我行深入学习运用“千万工程”经验，把服务乡村振兴作为全行重点工作，成立由行长任组长的乡村振兴金融服务领导小组，按季召开专题推进会。',
  '我行坚持把金融支持乡村全面振兴摆在突出位置，制定年度服务乡村振兴工作方案，将涉农贷款投放纳入绩效考核，单列信贷计划、单独配置资源。',
  '我行认真落实人民银行关于金融支持乡村振兴的工作部署，聚焦粮食安全、乡村产业和农村基础设施，持续加大涉农信贷投放力度。',
];

const WORK_ACTIONS = [
  '深化整村授信，组织客户经理进村入户开展信息采集和信用评定',
  '推广“线上+线下”信贷产品，简化审批流程，农户小额信用贷款实现随借随还',
  '与县级农业农村部门建立项目对接清单，按月通报重点项目融资进展',
  '运用支农再贷款资金，以优惠利率支持新型农业经营主体扩大生产',
  '联合政府性融资担保机构开展银担合作，降低农业经营主体融资成本',
  '在乡镇设立乡村金融服务站，提供助农取款、转账汇款、政策宣传等服务',
];

const PROBLEMS = [
  '部分农业经营主体财务制度不健全、缺乏有效抵押物，信用信息采集难度较大，制约了信贷投放。',
  '农村产权抵押登记、评估和处置机制尚不完善，承包土地经营权、林权抵押贷款推广较慢。',
  '农业生产受自然灾害和市场价格波动影响较大，部分产业链上游小农户还款能力不稳定，信贷风险管控压力加大。',
  '县域金融人才相对不足，客户经理人均管户数较多，深入村组开展金融服务的频次有限。',
  '涉农项目前期手续办理周期较长，部分已审批贷款未能按计划投放。',
  '农业保险覆盖面和保障水平仍然偏低，“信贷+保险”联动作用发挥不充分。',
];

const SUGGESTIONS = [
  '建议进一步完善涉农信用信息共享平台，推动农业农村、市场监管、税务等部门数据向金融机构开放。',
  '建议加大财政贴息和风险补偿资金投入，扩大政府性融资担保对首位产业经营主体的覆盖面。',
  '建议加快农村产权交易平台建设，健全抵押物价值评估和处置流转机制。',
  '建议延续支农支小再贷款额度倾斜政策，对涉农贷款增速较快的机构给予额度支持。',
  '建议定期组织政银企对接会，及时推送重点项目和新型农业经营主体融资需求清单。',
];

export function workText(rng: Rng, f: TextFacts): string {
  const [a1, a2] = rng.sample(WORK_ACTIONS, 2);
  const edge = f.agriGrowthPct - f.totalGrowthPct;
  const compare = edge >= 0 ? `高于各项贷款增速${pct(edge)}个百分点` : `低于各项贷款增速${pct(-edge)}个百分点，下一步将加大投放力度`;
  return [
    rng.pick(WORK_OPENINGS),
    `截至${f.quarterLabel}末，我行涉农贷款余额${yi(f.agriYi)}亿元，比年初增长${pct(f.agriGrowthPct)}%，${compare}；当年累计发放涉农贷款${yi(f.agriYtdYi)}亿元，其中农户贷款余额${yi(f.farmerYi)}亿元。`,
    `一是${a1}；二是${a2}；三是围绕${f.chainNames.slice(0, 2).join('、') || '本地特色产业'}等重点产业链开展“一链一策”金融服务${f.povertyHouseholds > 0 ? `，脱贫人口小额信贷余额户数${f.povertyHouseholds}户` : ''}。`,
  ].join('');
}

export function problemsText(rng: Rng): string {
  return rng
    .sample(PROBLEMS, 2)
    .map((p, i) => `${i === 0 ? '一是' : '二是'}${p}`)
    .join('');
}

export function suggestionsText(rng: Rng): string {
  return rng
    .sample(SUGGESTIONS, 2)
    .map((p, i) => `${i + 1}. ${p}`)
    .join('\n');
}

export function caseText(rng: Rng, f: TextFacts): string {
  const chain = f.chainNames.length ? rng.pick(f.chainNames) : '特色农业';
  const place = f.countyName ?? f.regionName;
  const amount = rng.int(3, 30) * 100;
  const entities = rng.int(12, 80);
  const industry = f.leadingIndustry ?? chain;
  return `【${chain}产业链“链式”金融服务】我行在${place}以${industry}龙头企业为核心，依托订单和应收账款数据为上下游合作社、家庭农场核定授信额度，推出专属信贷产品，本季度累计为${entities}户经营主体发放贷款${amount}万元，平均执行利率较上年下降约0.3个百分点，带动周边农户稳定增收。`;
}
