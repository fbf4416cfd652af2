/**
 * Chart option builders: pure functions from plain figures to ECharts options,
 * shared by the desktop window and the headless export.
 */
export * from './types';
export * from './format';
export * from './data';
export { CHART_CATALOGUE, chartDef } from './catalogue';
export { CHART_FONT_FAMILY, CHART_PALETTE, sourceLine, periodLabel } from './style';
export { chainQuarterlyOption, chainInstitutionsOption, chainCountiesOption, chainShareOption, chainGrowthOption } from './chain';
export { chainsCompareOption, chainsTrendOption } from './chains';
export { loanGrowthOption, loanGrowthByInstitutionOption, nplTrendOption } from './loans';
export { countyProgressOption } from './county';
export { scoreDistributionOption, gradesByGroupOption, scoreBands, GRADE_COLORS } from './assessment';
