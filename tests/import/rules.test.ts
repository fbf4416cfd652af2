/**
 * The check rules as data: the expression language, the rule file checked against
 * the catalogue, levels on import, and a new rule that takes effect by editing the
 * rule file alone (a copy of resources/ read by the real CLI in a child process).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DB } from '../../src/services/db/database';
import { parseExpr, ExprError } from '../../src/domain/rules/expr';
import { compileRules } from '../../src/domain/rules/compile';
import type { RuleFile } from '../../src/domain/rules/types';
import { getCatalogue } from '../../src/services/catalogue/fields';
import { readRuleFile, ruleSetFor } from '../../src/services/catalogue/rules';
import { resourcesDir } from '../../src/services/resources';
import { importFiles } from '../../src/services/import/importFiles';
import { listHistory } from '../../src/services/import/submissions';
import { issueKey } from '../../src/domain/import/issueKey';
import { CLI, runTs } from '../hardening/helpers/spawn';
import { freshDb, tempDir, writeReport } from './fixtures';

const VERSION = 'RV-2025.1';
let db: DB;
let dir: string;
beforeAll(() => {
  ({ db, dir } = freshDb());
});
afterAll(() => db.close());

function compile(rules: RuleFile['rules'], params: Record<string, number> = {}): ReturnType<typeof compileRules> {
  return compileRules({ templateVersion: VERSION, title: 't', params, rules }, getCatalogue(db, VERSION));
}

const rule = (over: Partial<RuleFile['rules'][number]>): RuleFile['rules'][number] => ({
  id: 'T-1',
  level: '错误',
  title: '测试',
  check: 'agri_loans_bal <= loans_total_bal',
  message: '「{label(A)}」超过了「{label(B)}」。',
  ...over,
});

describe('the expression language', () => {
  it('parses comparisons, sums over members, periods, parameters and percentages', () => {
    expect(parseExpr('sum(chain_bal[*]) <= agri_loans_bal')).toMatchObject({ t: 'cmp', op: '<=', a: { t: 'call', fn: 'sum', args: [{ t: 'field', key: 'chain_bal', member: '*' }] } });
    expect(parseExpr('x >= 50%')).toMatchObject({ b: { t: 'num', v: 0.5 } });
    expect(parseExpr('Q > 1 and prev(x[$]) > 0')).toMatchObject({ t: 'logic', op: 'and', a: { a: { t: 'param', name: 'Q' } }, b: { a: { t: 'call', fn: 'prev' } } });
    expect(parseExpr('county_lead_bal[AK01] <= 1 - -2')).toMatchObject({ a: { member: { code: 'AK01' } }, b: { t: 'arith', op: '-', b: { t: 'neg' } } });
  });

  it('refuses what it cannot read, saying where', () => {
    const bad = (src: string): string => {
      try {
        parseExpr(src);
      } catch (e) {
        if (e instanceof ExprError) return `${e.at}:${e.message}`;
        throw e;
      }
      return 'parsed';
    };
    expect(bad('a <= ')).toBe('5:表达式不完整');
    expect(bad('a < b < c')).toMatch(/比较不能连写/);
    expect(bad('eval(a)')).toBe('0:未知的函数「eval」');
    expect(bad('a ; b')).toMatch(/无法识别的字符「;」/);
    expect(bad('Agri_loans')).toMatch(/不是填报项代码/);
    expect(bad('(a')).toMatch(/此处应为「\)」/);
  });
});

describe('the rule file against the catalogue', () => {
  it('the shipped rule files compile', () => {
    const set = ruleSetFor(db, VERSION);
    expect(set.rules.length).toBeGreaterThan(30);
    const kinds = new Map(set.rules.map((r) => [r.def.id, r.kind]));
    expect(kinds.get('R25-01')).toBe('表内');
    expect(kinds.get('R25-19')).toBe('表间');
    expect(kinds.get('R25-31')).toBe('跨期');
  });

  it('names each problem with the rule and what is wrong, in Chinese', () => {
    const { set, problems } = compile(
      [
        rule({ id: 'T-1', check: 'agri_loans_balx <= loans_total_bal' }),
        rule({ id: 'T-2', check: 'chain_bal <= agri_loans_bal' }),
        rule({ id: 'T-3', check: 'chain_bal[$] <= agri_loans_bal' }),
        rule({ id: 'T-4', check: 'chain_bal[*] <= agri_loans_bal' }),
        rule({ id: 'T-5', level: '警告' as '错误' }),
        rule({ id: 'T-6', check: 'agri_loans_bal <= LIMIT' }),
        rule({ id: 'T-7', check: 'agri_loans_bal + loans_total_bal' }),
        rule({ id: 'T-8', check: 'prev(prev(agri_loans_bal)) > 0' }),
        rule({ id: 'T-9', check: 'text_work <= 1' }),
        rule({ id: 'T-1' }),
        rule({ id: 'T-10', message: '{label(A)' }),
        rule({ id: 'T-11', check: 'label(agri_loans_bal) > 0' }),
      ],
      {},
    );
    expect(set).toBeNull();
    const text = problems.join('\n');
    expect(text).toContain('审核公式「T-1」：引用了不存在的填报项「agri_loans_balx」');
    expect(text).toContain('审核公式「T-2」：填报项「chain_bal」按chain分项填报，应写 [$]、[*] 或成员代码');
    expect(text).toContain('审核公式「T-3」：「chain_bal[$]」只能用在按「chain」逐项审核（forEach）的公式中');
    expect(text).toContain('审核公式「T-4」：「chain_bal[*]」只能作为 sum() 的参数');
    expect(text).toContain('审核公式「T-5」：级别「警告」无效');
    expect(text).toContain('审核公式「T-6」：参数「LIMIT」未在 params 中定义');
    expect(text).toContain('审核公式「T-7」：审核条件应是一个判断');
    expect(text).toContain('审核公式「T-8」：函数 prev() 不能嵌套在另一个期别函数中');
    expect(text).toContain('审核公式「T-9」：填报项「text_work」不是数值');
    expect(text).toContain('审核公式「T-1」：编号重复');
    expect(text).toContain('审核公式「T-10」：消息模板中的「{」没有配对的「}」');
    expect(text).toContain('审核公式「T-11」：函数 label() 只能用在消息模板中');
  });

  it('a broken shipped file stops the import with the list, instead of checking less', async () => {
    const res = copyResources((file) => {
      file.rules.push(rule({ id: 'X-1', check: 'nosuch_field <= 1' }));
    });
    writeReport(db, { institution: 'AK-ABC', quarter: '2025Q3', templateVersion: VERSION }, join(dir, 'broken', 'a.xlsx'));
    const r = await runTs(CLI, ['import', join(dir, 'broken', 'a.xlsx'), '--db', join(dir, 'broken.sqlite'), '--received', '2025-10-04', '--json'], { env: { ...process.env, RFM_RESOURCES: res } });
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('审核公式「X-1」：引用了不存在的填报项「nosuch_field」');
  });
});

/**
 * A copy of resources/ whose rule file for VERSION the test edits; everything
 * else is linked to the shipped files.
 */
function copyResources(edit: (file: RuleFile) => void): string {
  const root = tempDir('rfm-resources-');
  for (const entry of readdirSync(resourcesDir())) {
    if (entry !== 'rules') symlinkSync(join(resourcesDir(), entry), join(root, entry));
  }
  mkdirSync(join(root, 'rules'));
  for (const f of readdirSync(join(resourcesDir(), 'rules'))) {
    const version = f.replace(/\.rules\.json$/, '');
    const file = readRuleFile(version);
    if (version === VERSION) edit(file);
    writeFileSync(join(root, 'rules', f), JSON.stringify(file, null, 2));
  }
  return root;
}

describe('levels on import', () => {
  it('错误 rejects the file; 提示 keeps it with a warning that needs a 说明 and names its rule', async () => {
    const files = tempDir();
    // 农户贷款 over 涉农贷款 (错误), chains over 涉农贷款 (提示).
    const chains: Record<string, number> = {};
    for (const c of ['selenium_tea', 'qinba_meat', 'konjac', 'eco_fishery', 'walnut', 'sericulture', 'plush_toys']) chains[`RV_chain_bal__${c}`] = 9000;
    const bad = writeReport(db, { institution: 'AK-ABC', quarter: '2025Q3', templateVersion: VERSION, cells: { farmer_loans_bal: 70000 } }, join(files, 'bad.xlsx'));
    const hint = writeReport(db, { institution: 'AK-ICBC', quarter: '2025Q3', templateVersion: VERSION, cells: chains }, join(files, 'hint.xlsx'));
    const r = await importFiles(db, { paths: [bad, hint], dryRun: true, receivedDate: '2025-10-04' }, {}, { pool: { inProcess: true } });
    const [b, h] = r.files;
    expect(b?.status).toBe('rejected');
    expect(b?.errors).toContainEqual(expect.objectContaining({ rule: 'R25-03', code: 'E_PART_EXCEEDS_TOTAL', sheet: '信贷总量' }));
    expect(b?.errors.find((e) => e.rule === 'R25-03')?.ack).toBeUndefined();
    const w = h?.warnings.find((x) => x.rule === 'R25-20');
    expect(w).toMatchObject({ ack: 'explain', code: 'W_MEMBER_SUM_EXCEEDS', sheet: '产业链' });
    expect(w?.message).toContain('各产业链「贷款余额」合计 63000 万元，大于「涉农贷款余额」（60000 万元');
    expect(h?.errors).toEqual([]);
    expect(h?.status).toBe('held');
    // With the 说明 the file goes in, and the 说明 stays with the submission.
    if (!w) throw new Error('no warning');
    const done = await importFiles(db, { paths: [hint], receivedDate: '2025-10-04', acks: { 'hint.xlsx': { [issueKey(w)]: '含毛绒玩具加工企业贷款，非涉农' } } }, {}, { pool: { inProcess: true } });
    expect(done.files[0]?.status).toBe('accepted');
    const [sub] = listHistory(db, 'AK-ICBC', '2025Q3');
    expect(sub?.decisions).toEqual([expect.objectContaining({ rule: 'R25-20', ack: 'explain', text: '含毛绒玩具加工企业贷款，非涉农' })]);
  });
});

describe('a new rule is a data change only', () => {
  it('a rule added to the rule file fires on import, at its level, with its message and cell', async () => {
    const res = copyResources((file) => {
      file.rules.push(
        {
          id: 'LOCAL-01',
          level: '错误',
          title: '整村授信村数不超过评定信用村数的两倍',
          check: 'whole_village_villages <= 2 * credit_villages',
          message: '「{label(whole_village_villages)}」（{whole_village_villages}）超过「{label(credit_villages)}」（{credit_villages}）的两倍，请核实。',
          code: 'E_LOCAL',
        },
        {
          id: 'LOCAL-02',
          level: '提示',
          title: '四贷中信用贷不超过当年累放的一成',
          check: 'sidai_amount[credit_loan] <= 10% * loans_total_ytd',
          message: '信用贷当年发放 {A}，超过各项贷款当年累放的 {pct(10%)}（{B}）。',
        },
      );
    });
    const files = join(dir, 'local');
    writeReport(db, { institution: 'AK-ABC', quarter: '2025Q3', templateVersion: VERSION, cells: { whole_village_villages: 70, credit_villages: 30 } }, join(files, 'a.xlsx'));
    writeReport(db, { institution: 'AK-ICBC', quarter: '2025Q3', templateVersion: VERSION, cells: { RV_sidai_amount__credit_loan: 6000 } }, join(files, 'b.xlsx'));
    type Summary = { files: { file: string; status: string; errors: { rule?: string; message: string; cell: string }[]; warnings: { rule?: string; ack?: string; message: string }[] }[] };
    // The shipped rules accept both files.
    const before = await importFiles(db, { paths: [files], dryRun: true, receivedDate: '2025-10-04' }, {}, { pool: { inProcess: true } });
    expect(before.files.map((f) => [f.status, f.warnings.length])).toEqual([
      ['accepted', 0],
      ['accepted', 0],
    ]);
    const run = await runTs(CLI, ['import', files, '--dry-run', '--db', join(dir, 'local.sqlite'), '--received', '2025-10-04', '--json'], { env: { ...process.env, RFM_RESOURCES: res } });
    const after = JSON.parse(run.stdout) as Summary;
    const [a, b] = after.files;
    expect(a?.status).toBe('rejected');
    expect(a?.errors).toEqual([expect.objectContaining({ rule: 'LOCAL-01', message: '「整村授信村数」（70 个）超过「评定信用村」（30 个）的两倍，请核实。' })]);
    expect(b?.status).toBe('held');
    expect(b?.warnings).toEqual([expect.objectContaining({ rule: 'LOCAL-02', ack: 'explain', message: '信用贷当年发放 6000 万元，超过各项贷款当年累放的 10%（5000 万元）。' })]);
  }, 60_000);
});

describe('listing the rules', () => {
  it('rules --json lists every version’s rules with level, kind and formula', async () => {
    const { cli } = await import('../helpers/cli');
    const r = await cli(['rules', '--db', join(dir, 'list.sqlite'), '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { templateVersion: string; id: string; level: string; kind: string; title: string; check: string; forEach: string | null }[];
    expect(rows.find((x) => x.id === 'R25-20')).toEqual(
      expect.objectContaining({ templateVersion: 'RV-2025.1', level: '提示', kind: '表间', title: '各产业链贷款余额之和 ≤ 涉农贷款余额', check: 'sum(chain_bal[*]) <= agri_loans_bal' }),
    );
    expect(rows.find((x) => x.id === 'R25-18')).toEqual(expect.objectContaining({ level: '提示', forEach: 'county', kind: '表内' }));
    const text = await cli(['rules', '--db', join(dir, 'list.sqlite'), '--template-version', 'RV-2025.1']);
    expect(text.out).toContain('R25-31  提示  跨期');
  });
});
