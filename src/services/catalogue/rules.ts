/**
 * The check rules (审核公式) of each template version, read from
 * resources/rules/<version>.rules.json and checked against that version's field
 * catalogue once per database. A new or changed rule is a change of that file only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DB } from '../db/database';
import { compileRules } from '../../domain/rules/compile';
import type { CompiledRuleSet, RuleFile } from '../../domain/rules/types';
import { failure } from '../../domain/result';
import { resourcesDir } from '../resources';
import { getCatalogue, listTemplateVersions } from './fields';
import type { RuleInfo } from '../../api/types';

const cache = new WeakMap<DB, Map<string, CompiledRuleSet>>();

export function ruleFilePath(version: string): string {
  return join(resourcesDir(), 'rules', `${version}.rules.json`);
}

/** A version's rules written as an earlier version's plus its own (the form revision's new fields). */
type RuleFileOnDisk = RuleFile | (Omit<RuleFile, 'params'> & { extends: string; params?: Record<string, number> });

function readOwnRuleFile(version: string): RuleFileOnDisk {
  const path = ruleFilePath(version);
  if (!existsSync(path)) throw failure('E_RULES_MISSING', { version });
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as RuleFileOnDisk;
  } catch {
    // The parser's English says nothing a user can act on: the file ships with the program.
    throw failure('E_RULES_JSON', { version });
  }
}

export function readRuleFile(version: string): RuleFile {
  const own = readOwnRuleFile(version);
  if (!('extends' in own)) return own;
  const { extends: parent, ...rest } = own;
  const base = readRuleFile(parent);
  return { ...rest, params: { ...base.params, ...rest.params }, templates: { ...base.templates, ...rest.templates }, rules: [...base.rules, ...rest.rules] };
}

/** The compiled rules of a template version; a rule file with any problem stops the import with the list. */
export function ruleSetFor(db: DB, version: string): CompiledRuleSet {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const hit = perDb.get(version);
  if (hit) return hit;
  const { set, problems } = compileRules(readRuleFile(version), getCatalogue(db, version));
  if (!set) throw failure('E_RULES_INVALID', { version, problems: problems.join('') });
  perDb.set(version, set);
  return set;
}

/** The rules of one template version (or of all), as the CLI and the window list them. */
export function listRules(db: DB, version?: string): RuleInfo[] {
  const versions = version ? [getCatalogue(db, version).templateVersion] : listTemplateVersions(db);
  return versions.flatMap((v) =>
    ruleSetFor(db, v).rules.map((r) => ({
      templateVersion: v,
      id: r.def.id,
      level: r.def.level,
      kind: r.kind,
      title: r.def.title,
      check: r.def.check,
      when: r.def.when ?? null,
      forEach: r.def.forEach ?? null,
      note: r.def.note ?? null,
    })),
  );
}
