/** The 任务台账: the seeds' measures with the analyst's record and the figures that evidence them. */
export { listLedger } from './list';
export { setLedgerEntry, addLedgerAttachment, removeLedgerAttachment } from './store';
export { exportLedger } from './export';
export { ledgerDocuments, ledgerMeasure } from './measures';
