/**
 * 字段 and 成员 as an analyst names them: a field by its key (agri_loans_bal) or by its
 * label on the form (涉农贷款余额, with or without the unit: 涉农贷款余额（万元）), in any
 * template version's catalogue (RV-2025.1, RV-2026.1, …); a member by its code or name
 * (富硒茶, 汉阴县). Several fields share a label across the grids (贷款余额 of 产业链, of
 * 县域, of 重点领域): the member then tells which one is meant.
 */
import type { InputCell, TemplateLayout } from '../catalogue/layout';
import { compactText } from './grid';
import { errorMessage } from '../errors';

export interface FieldMatch {
  input: InputCell;
  /** The newest template version that has this field and member. */
  templateVersion: string;
}

export type FieldLookup = { ok: true; match: FieldMatch } | { ok: false; code: string; message: string };

/** Drops a trailing unit in brackets: 涉农贷款余额（万元） → 涉农贷款余额. */
export function labelKey(text: string): string {
  return compactText(text)
    .replace(/[(（][^()（）]*[)）]$/u, '')
    .toLowerCase();
}

interface Entry {
  version: string;
  input: InputCell;
}

export class FieldIndex {
  /** key → inputs in every version, newest version first. */
  private readonly byKey = new Map<string, Entry[]>();
  /** label → keys. */
  private readonly byLabel = new Map<string, Set<string>>();
  private readonly versions: string[];

  /** @param layouts one region's layouts, newest template version first. */
  constructor(layouts: readonly TemplateLayout[]) {
    this.versions = layouts.map((l) => l.templateVersion);
    for (const l of layouts) {
      for (const input of l.inputs) {
        // The cover (institution, quarter, preparer) says who reported, not what: no history value.
        if (input.field.role) continue;
        const list = this.byKey.get(input.key) ?? [];
        list.push({ version: l.templateVersion, input });
        this.byKey.set(input.key, list);
        const label = labelKey(input.field.label);
        const keys = this.byLabel.get(label) ?? new Set<string>();
        keys.add(input.key);
        this.byLabel.set(label, keys);
      }
    }
  }

  /** The keys a text may name (a key, or a label), most specific first. */
  candidates(text: string): string[] {
    const t = compactText(text);
    if (this.byKey.has(t)) return [t];
    return [...(this.byLabel.get(labelKey(t)) ?? [])];
  }

  /** Whether the text names a member of some field (used to read wide headers). */
  isMember(text: string): boolean {
    const t = labelKey(text);
    if (!t) return false;
    for (const list of this.byKey.values()) if (list.some((e) => e.input.member !== null && memberMatches(e.input, t))) return true;
    return false;
  }

  lookup(fieldText: string, memberText: string): FieldLookup {
    const keys = this.candidates(fieldText);
    if (keys.length === 0) {
      return { ok: false, code: 'E_HISTORY_FIELD', message: errorMessage('E_HISTORY_FIELD', { field: fieldText }) };
    }
    const m = labelKey(memberText);
    const hits: FieldMatch[] = [];
    for (const key of keys) {
      const entries = this.byKey.get(key) ?? [];
      const found = entries.find((e) => (m === '' ? e.input.member === null : e.input.member !== null && memberMatches(e.input, m)));
      if (found) hits.push({ input: found.input, templateVersion: found.version });
    }
    if (hits.length === 1 && hits[0]) return { ok: true, match: hits[0] };
    if (hits.length > 1) {
      return {
        ok: false,
        code: 'E_HISTORY_FIELD_AMBIGUOUS',
        message: errorMessage('E_HISTORY_FIELD_AMBIGUOUS', {
          field: fieldText,
          member: memberText ? `（成员「${memberText}」）` : '',
          choices: hits.map((h) => `${h.input.section}·${h.input.field.label}（${h.input.key}）`).join('、'),
        }),
      };
    }
    const sample = keys.flatMap((k) => this.byKey.get(k) ?? []);
    const dimensional = sample.some((e) => e.input.member !== null);
    if (m === '' && dimensional) {
      return { ok: false, code: 'E_HISTORY_MEMBER_MISSING', message: errorMessage('E_HISTORY_MEMBER_MISSING', { field: fieldText }) };
    }
    if (m !== '' && !dimensional) return { ok: false, code: 'E_HISTORY_MEMBER_EXTRA', message: errorMessage('E_HISTORY_MEMBER_EXTRA', { field: fieldText, member: memberText }) };
    const names = [...new Set(sample.map((e) => e.input.memberName).filter((n): n is string => n !== null))];
    return { ok: false, code: 'E_HISTORY_MEMBER', message: errorMessage('E_HISTORY_MEMBER', { member: memberText, field: fieldText, choices: names.slice(0, 30).join('、') }) };
  }

  /** The newest version holding every one of these inputs (key and member), or null. */
  versionFor(inputs: readonly { key: string; member: string | null }[]): string | null {
    for (const v of this.versions) {
      if (inputs.every((i) => (this.byKey.get(i.key) ?? []).some((e) => e.version === v && e.input.member === i.member))) return v;
    }
    return null;
  }
}

function memberMatches(input: InputCell, compactLower: string): boolean {
  return (input.member ?? '').toLowerCase() === compactLower || labelKey(input.memberName ?? '') === compactLower;
}
