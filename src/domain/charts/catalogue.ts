/** The chart catalogue: every chart the app draws, with its Chinese title and parameters. */
import type { ChartDef } from './types';

export const CHART_CATALOGUE: readonly ChartDef[] = [
  {
    id: 'chain.quarterly',
    title: '产业链贷款余额与当年累放（分季度）',
    group: 'chain',
    params: ['quarter', 'chain'],
    required: ['quarter', 'chain'],
    description: '所选产业链各季度末贷款余额与当年累计发放额，全地区各机构合计。',
  },
  {
    id: 'chain.institutions',
    title: '产业链贷款余额分机构排名',
    group: 'chain',
    params: ['quarter', 'chain'],
    required: ['quarter', 'chain'],
    description: '所选季度各机构该产业链贷款余额（按余额从高到低）及当年累放。',
  },
  {
    id: 'chain.counties',
    title: '产业链贷款分县情况（首位产业县）',
    group: 'chain',
    params: ['quarter', 'chain'],
    required: ['quarter', 'chain'],
    description: '以该产业链为首位产业的县（市、区）报送的首位产业贷款余额与当年累放。',
  },
  {
    id: 'chain.share',
    title: '产业链贷款占涉农贷款比重',
    group: 'chain',
    params: ['quarter', 'chain'],
    required: ['quarter', 'chain'],
    description: '各季度该产业链贷款余额占全地区涉农贷款余额的比重。',
  },
  {
    id: 'chain.growth',
    title: '产业链贷款余额增速',
    group: 'chain',
    params: ['quarter', 'chain'],
    required: ['quarter', 'chain'],
    description: '该产业链贷款余额比年初增速与同比增速（分季度）。',
  },
  {
    id: 'chains.compare',
    title: '各产业链贷款余额与当年累放对比',
    group: 'chains',
    params: ['quarter', 'region'],
    required: ['quarter'],
    description: '所选季度本地区全部产业链的贷款余额与当年累计发放额。',
  },
  {
    id: 'chains.trend',
    title: '各产业链贷款余额走势',
    group: 'chains',
    params: ['quarter', 'region'],
    required: ['quarter'],
    description: '本地区全部产业链贷款余额的分季度走势。',
  },
  {
    id: 'loans.growth',
    title: '涉农贷款增速与各项贷款增速',
    group: 'loans',
    params: ['quarter', 'region', 'institution'],
    required: ['quarter'],
    description: '分季度比年初增速：涉农贷款与各项贷款（全地区，或指定机构）。',
  },
  {
    id: 'loans.growthByInstitution',
    title: '各机构涉农贷款增速与各项贷款增速',
    group: 'loans',
    params: ['quarter', 'region'],
    required: ['quarter'],
    description: '所选季度各机构涉农贷款与各项贷款比年初增速对比。',
  },
  {
    id: 'loans.npl',
    title: '不良贷款率走势',
    group: 'loans',
    params: ['quarter', 'region', 'institution'],
    required: ['quarter'],
    description: '分季度涉农贷款不良率与各项贷款不良率（全地区，或指定机构）。',
  },
  {
    id: 'county.progress',
    title: '「金融兴产强县」首位产业贷款完成率与时序进度',
    group: 'county',
    params: ['quarter', 'region'],
    required: ['quarter'],
    description: '各县首位产业贷款年度目标完成率与时序进度对比。',
  },
  {
    id: 'assessment.scores',
    title: '考核评估得分分布',
    group: 'assessment',
    params: ['quarter', 'region'],
    required: ['quarter'],
    description: '所选年度各机构考核评估总分，按分数段统计机构数。',
  },
  {
    id: 'assessment.grades',
    title: '考核评估等次分组情况',
    group: 'assessment',
    params: ['quarter', 'region'],
    required: ['quarter'],
    description: '所选年度各机构组别中优秀、良好、一般、勉励的机构数。',
  },
];

export function chartDef(id: string): ChartDef | undefined {
  return CHART_CATALOGUE.find((c) => c.id === id);
}
