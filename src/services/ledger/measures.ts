/** The seeds' measures as shipped (resources/ledger/measures.json): number, words, 责任单位, linked evidence. */
import { readResourceJson } from '../resources';
import { failure } from '../../domain/result';
import type { LedgerEvidence } from '../../api/ledger-types';

export interface LedgerMeasure {
  id: string;
  no: number;
  label: string;
  section: string;
  title: string;
  text: string;
  responsible: string[];
  evidence: Pick<LedgerEvidence, 'kind' | 'id' | 'member'>[];
}

export interface LedgerDocument {
  region: string;
  source: string;
  short: string;
  measures: LedgerMeasure[];
}

let cached: LedgerDocument[] | null = null;

export function ledgerDocuments(): LedgerDocument[] {
  cached ??= readResourceJson<{ documents: LedgerDocument[] }>('ledger', 'measures.json').documents;
  return cached;
}

export function ledgerDocument(region: string): LedgerDocument {
  const d = ledgerDocuments().find((x) => x.region === region);
  if (!d) throw failure('E_LEDGER_REGION', { region });
  return d;
}

export function ledgerMeasure(id: string): { doc: LedgerDocument; measure: LedgerMeasure } {
  for (const doc of ledgerDocuments()) {
    const measure = doc.measures.find((m) => m.id === id);
    if (measure) return { doc, measure };
  }
  throw failure('E_LEDGER_MEASURE', { id });
}

/** A measure that names 各镇街 among its 责任单位 is tracked per 镇街 as well. */
export function perTown(m: LedgerMeasure): boolean {
  return m.responsible.includes('各镇街');
}
