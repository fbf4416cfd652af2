/** The assessment (考核评估) service: schemes, scoring, what-if, qualitative scores. */
export { scoreRegionYear, whatIfWeights, recordedResult } from './score';
export { listSchemes, getScheme, importScheme, exportScheme, saveSchemeVersion, defaultSchemeId, schemeProblems } from './schemes';
export { setQualitative, listQualitative } from './qualitative';
export { reportCounts } from './reports';
export { schemeForYear } from './pin';
