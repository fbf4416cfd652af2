/** 金融兴产强县 progress: county targets (entered or imported) and the progress table. */
export { progressTable } from './table';
export { setCountyTarget, getCountyTargets } from './targets';
export { importCountyTargets } from './import';
export { exportProgress, progressSheet, progressParagraphs } from './export';
export { defaultMeasure, listMeasures } from './measures';
export { progressSettings, setProgressSettings } from './settings';
