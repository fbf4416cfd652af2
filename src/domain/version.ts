/** Versions recorded with every submission, so a stored number says which importer read it. */
export const APP_NAME = '乡村振兴金融监测与考核';
export const APP_VERSION = '0.1.0';
export const IMPORTER_VERSION = 'importer-1';
