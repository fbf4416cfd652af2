/** 金融兴产强县 progress: county targets (entered or imported) and the progress table. */
export { progressTable, type ProgressOptions } from './table';
export { setCountyTarget, getCountyTargets, resolveCounty } from './targets';
export { importCountyTargets } from './import';
export { exportProgress, progressSheet } from './export';
export { measure, defaultMeasure, measureByName, type ProgressMeasure } from './measures';
