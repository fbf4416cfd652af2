/** The targets tracker: the seeds' targets and analysts' own, judged from the reports. */
export { evaluateTargets, seedTargets } from './evaluate';
export { addTarget, removeTarget } from './store';
export { exportTargets, targetsParagraphs, targetsSheet } from './export';
export { loadLpr, lprRateOn } from './lpr';
