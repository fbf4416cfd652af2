/** 金融兴产强县 progress: county targets (entered or imported) and the progress table. */
export { progressTable, type ProgressOptions } from './table';
export { setCountyTarget, getCountyTargets, resolveCounty } from './targets';
export { importCountyTargets } from './import';
export { exportProgress, progressSheet, progressParagraphs } from './export';
export { measure, defaultMeasure, measureByName, listMeasures, type ProgressMeasure } from './measures';
export { progressSettings, setProgressSettings } from './settings';
