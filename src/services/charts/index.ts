/** The charts service: options for the window, headless export, the report pack. */
export { buildChart, chartInstances, listCharts, type BuiltChart } from './options';
export { exportChart } from './export';
export { writePack, type PackOptions, type PackProgress } from './pack';
export { renderSvg, renderPng, svgToPng, resolveSize, type PrintSize } from './render';
export { chartFontPath, CHART_FONT_FILE } from './fonts';
