/** The 任务台账: the seeds' measures with the analyst's record and the figures that evidence them. */
export { listLedger, figuresAsOf } from './list';
export { setLedgerEntry, addLedgerAttachment, removeLedgerAttachment, type SetLedgerArgs } from './store';
export { exportLedger, ledgerSheet } from './export';
export { ledgerDocuments, ledgerDocument, ledgerMeasure } from './measures';
