/** The charts service: options for the window, headless export, the report pack. */
export { buildChart, chartInstances, listCharts } from './options';
export { chartImage, exportChart } from './export';
export { writePack } from './pack';
export { renderPng } from './render';
