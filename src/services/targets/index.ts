/** The targets tracker: the seeds' targets and analysts' own, judged from the reports. */
export { evaluateTargets, seedTargets, analystTargets, latestQuarter, type EvaluateTargetsOptions } from './evaluate';
export { addTarget, removeTarget, targetProblems } from './store';
export { exportTargets, targetsSheet } from './export';
export { loadLpr, oneYearLprOn } from './lpr';
