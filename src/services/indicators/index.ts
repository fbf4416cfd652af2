/** The indicator service: what the CLI, the exports, charts and the window call. */
export { computeIndicators, computeIndicatorSeries, evaluateIndicator, listIndicators, loadRegionData, regionInstitutions, regionRows, regionScope, parseQuarterOrFail, type RegionData, type RegionInstitution, type ComputeOptions } from './compute';
export { indicatorEngine, loadIndicatorCatalogue } from './catalogue';
export { loadValues, StoredValues } from './values';
