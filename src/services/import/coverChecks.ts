/**
 * Checks of a report as the wrong report: the cover says one quarter or bank, the file's
 * name another. Each is a 'confirm' warning (see acks.ts): the file is held until the
 * analyst has looked, because the cover decides which report it replaces.
 */
import type { DB } from '../db/database';
import type { IssueRef } from '../../api/types';
import type { Institution } from '../../domain/catalogue/types';
import { fileNameHints, type NamedInstitution } from '../../domain/import/fileNameHints';
import { quarterId, quarterLabel, type Quarter } from '../../domain/quarter';
import { errorMessage } from '../../domain/errors';
import { listInstitutions } from '../registry/institutions';
import type { ReadCache, ReadReport } from './readReport';

/** The registry's names as file names may carry them, read once per import. */
export class InstitutionNames {
  private list: NamedInstitution[] | null = null;
  private byCode: Map<string, Institution> | null = null;
  constructor(private readonly db: DB) {}

  private load(): void {
    const all = listInstitutions(this.db, { includeInactive: true });
    this.list = all.map((i) => ({ code: i.code, names: [i.name, ...i.aliases] }));
    this.byCode = new Map(all.map((i) => [i.code, i]));
  }

  names(): NamedInstitution[] {
    if (!this.list) this.load();
    return this.list ?? [];
  }

  get(code: string): Institution | undefined {
    if (!this.byCode) this.load();
    return this.byCode?.get(code);
  }
}

/** Where the cover's input of this role was read (for the warning's sheet and cell). */
export function coverCell(report: ReadReport, cache: ReadCache, role: 'institution' | 'quarter'): { sheet: string | null; cell: string | null } {
  if (!report.region || !report.templateVersion) return { sheet: null, cell: null };
  const input = cache.layout(report.region, report.templateVersion).inputs.find((i) => i.field.role === role);
  const v = input ? report.values.find((x) => x.definedName === input.definedName) : undefined;
  return { sheet: v?.sheet ?? null, cell: v?.cell || null };
}

export interface CoverContext {
  file: string;
  report: ReadReport;
  institution: Institution;
  quarter: Quarter;
  cache: ReadCache;
  names: InstitutionNames;
  /** The version this file would replace, if the quarter already has one. */
  replaces: { version: number } | null;
}

/** The cover against the file's name: a quarter or a bank that disagrees is a 'confirm' warning. */
export function fileNameWarnings(x: CoverContext): IssueRef[] {
  const out: IssueRef[] = [];
  const hints = fileNameHints(x.file, x.names.names());
  const replaces = x.replaces ? `，并替换该季度已导入的第 ${x.replaces.version} 版` : '';
  const q = hints.quarter;
  if (q && (q.q !== x.quarter.q || (q.year !== null && q.year !== x.quarter.year))) {
    const said = q.year !== null ? quarterLabel({ year: q.year, q: q.q }) : `第${'一二三四'[q.q - 1] ?? ''}季度`;
    out.push({
      ...coverCell(x.report, x.cache, 'quarter'),
      code: 'W_NAME_QUARTER',
      ack: 'confirm',
      message: errorMessage('W_NAME_QUARTER', { text: q.text, said, quarter: quarterId(x.quarter), label: quarterLabel(x.quarter), replaces }),
    });
  }
  const n = hints.institution;
  if (n && n.code !== x.institution.code) {
    const named = x.names.get(n.code);
    out.push({
      ...coverCell(x.report, x.cache, 'institution'),
      code: 'W_NAME_INSTITUTION',
      ack: 'confirm',
      message: errorMessage('W_NAME_INSTITUTION', { text: n.text, named: named?.name ?? n.code, institution: x.institution.name, quarter: quarterId(x.quarter) , replaces }),
    });
  }
  return out;
}
