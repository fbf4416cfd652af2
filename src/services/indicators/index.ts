/** The indicator service: what the CLI, the exports, charts and the window call. */
export { computeIndicators, computeIndicatorSeries, evaluateIndicator, listIndicators, loadRegionData, regionInstitutions, regionScope, parseQuarterOrFail, type RegionData } from './compute';
export { loadIndicatorCatalogue } from './catalogue';
