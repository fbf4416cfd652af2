/** The assessment (考核评估) service: schemes, scoring, what-if, qualitative scores. */
export { scoreRegionYear, whatIfWeights, recordedResult, buildScoringInput, schemeInputs, type ScoreOptions } from './score';
export { listSchemes, getScheme, importScheme, exportScheme, ensureShippedSchemes, defaultSchemeId, parseSchemeRef, schemeProblems, type StoredScheme } from './schemes';
export { setQualitative, listQualitative } from './qualitative';
export { reportCounts, type ReportCount } from './reports';
export { pinnedScheme, schemeForYear } from './pin';
