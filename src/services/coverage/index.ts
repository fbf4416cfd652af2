/** Region facts (the denominators) and coverage lists (each village or entity counted once). */
export { addCoverage, coverageStatus, listCoverage, listRegionFacts, removeCoverage, setRegionFact, COVERAGE_KINDS } from './coverage';
export { importCoverage } from './import';
