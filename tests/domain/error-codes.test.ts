/**
 * One list of codes with their Chinese templates (src/domain/errors.ts), and the helpers
 * that raise them with the template filled in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, errorMessage, isErrorCode } from '../../src/domain/errors';
import { AppFailure, errorOf, fail, failure } from '../../src/domain/result';
import { toResult } from '../../src/services/api/wrap';

const filesUnder = (dir: string, ext: RegExp): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), ext) : ext.test(e.name) ? [join(dir, e.name)] : []));
/** The program: services, domain, UI, CLI, and Electron's main, preload and utility processes. */
const sourceFiles = (): string[] => ['src', 'electron'].flatMap((d) => filesUnder(d, /\.(ts|vue)$/));

/** The TypeScript of a source file (a .vue file's <script> blocks), parsed. */
function parsed(file: string): ts.SourceFile {
  const text = readFileSync(file, 'utf8');
  const code = file.endsWith('.vue') ? [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '').join('\n') : text;
  return ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
}

const isText = (n: ts.Node): boolean =>
  ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n) || (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken && (isText(n.left) || isText(n.right)));

const placeholdersOf = (code: string): string[] => [...new Set([...(ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES] as string).matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1] ?? ''))].sort();

interface Raise {
  where: string;
  code: string | null;
  /** The second argument: the placeholders' object, or what was passed instead. */
  params: ts.Expression | undefined;
}

/** Every place in the program that raises or words a listed code: fail(), failure(), errorOf(), errorMessage(). */
function raises(): { raises: Raise[]; inline: string[] } {
  const found: Raise[] = [];
  const inline: string[] = [];
  for (const file of sourceFiles()) {
    if (file === join('src', 'domain', 'result.ts')) continue;
    const sf = parsed(file);
    const at = (n: ts.Node): string => `${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && ['fail', 'failure', 'errorOf', 'errorMessage'].includes(n.expression.text)) {
        const first = n.arguments[0];
        found.push({ where: at(n), code: first && ts.isStringLiteral(first) ? first.text : null, params: n.arguments[1] });
        if (n.arguments[1] && isText(n.arguments[1])) inline.push(`${at(n)} ${n.expression.text}(…, sentence)`);
      } else if (ts.isCallExpression(n) && n.arguments[0] && ts.isStringLiteral(n.arguments[0]) && /^[EWN]_[A-Z0-9_]+$/.test(n.arguments[0].text)) {
        // Any other helper that takes a code and a sentence (an issue(code, '…') of its own).
        if (n.arguments.slice(1).some((a) => isText(a) && /[\u4e00-\u9fff]/.test(a.getText(sf)))) inline.push(`${at(n)} ${n.expression.getText(sf)}('${n.arguments[0].text}', sentence)`);
      }
      // An AppFailure is made from the list (failure()) or from an error that already exists (AppFailure.of).
      if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'AppFailure') inline.push(`${at(n)} new AppFailure(…)`);
      // An issue or error written out by hand: { code: 'E_…', message: '…' }.
      if (ts.isObjectLiteralExpression(n)) {
        const prop = (name: string): ts.Expression | undefined => {
          const p = n.properties.find((x) => ts.isPropertyAssignment(x) && ts.isIdentifier(x.name) && x.name.text === name);
          return p && ts.isPropertyAssignment(p) ? p.initializer : undefined;
        };
        const code = prop('code');
        const message = prop('message');
        if (code && ts.isStringLiteral(code) && /^[EWN]_/.test(code.text) && message && isText(message)) inline.push(`${at(n)} { code: '${code.text}', message: sentence }`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { raises: found, inline };
}

describe('the list of codes', () => {
  it('is sorted, each code E_/W_/N_ with a Chinese template whose placeholders are names', () => {
    const codes = Object.keys(ERROR_MESSAGES);
    expect(codes).toEqual([...codes].sort());
    for (const [code, template] of Object.entries(ERROR_MESSAGES)) {
      expect(code).toMatch(/^[EWN]_[A-Z0-9_]+$/);
      expect(template, code).toMatch(/[\u4e00-\u9fff]/);
      expect(template.replace(/\{[A-Za-z]+\}/g, ''), code).not.toMatch(/[{}]/);
      expect(template, code).not.toMatch(/[A-Za-z]+Error|undefined|NaN/);
    }
  });

  it('holds every code the program raises (the type refuses others; this catches codes in IssueRefs and strings)', () => {
    // A check rule's code comes with the rule (resources/rules/); these two are its defaults.
    const ruleDefaults = new Set(['E_RULE', 'W_RULE']);
    const unlisted = new Map<string, string>();
    for (const f of sourceFiles()) {
      for (const m of readFileSync(f, 'utf8').matchAll(/'([EWN]_[A-Z0-9_]+)'/g)) {
        const code = m[1] ?? '';
        if (!isErrorCode(code) && !ruleDefaults.has(code)) unlisted.set(code, f);
      }
    }
    expect([...unlisted]).toEqual([]);
  });

  it('is the only place a user-visible sentence is written: nothing in src/ or electron/ words an error, warning or note where it is raised', () => {
    expect(raises().inline).toEqual([]);
  });

  it('fills exactly the placeholders of the template at every call site, and every listed code is raised somewhere', () => {
    const { raises: all } = raises();
    const wrong: string[] = [];
    for (const r of all) {
      if (r.code === null || !isErrorCode(r.code)) continue;
      // A params object spelled out at the call: its names are the template's placeholders, no more, no fewer.
      if (r.params && ts.isObjectLiteralExpression(r.params) && !r.params.properties.some((p) => ts.isSpreadAssignment(p))) {
        const names = r.params.properties.map((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : '?')).sort();
        if (names.join() !== placeholdersOf(r.code).join()) wrong.push(`${r.where} ${r.code}: {${names.join(', ')}} for {${placeholdersOf(r.code).join(', ')}}`);
      }
    }
    expect(wrong).toEqual([]);
    // A template nothing in the program names is one no user can read (a check rule's code and words live in resources/rules/, not here).
    const sources = sourceFiles().filter((f) => f !== join('src', 'domain', 'errors.ts'));
    const named = new Set(sources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/['"]([EWN]_[A-Z0-9_]+)['"]/g)].map((m) => m[1])));
    expect(Object.keys(ERROR_MESSAGES).filter((c) => !named.has(c))).toEqual([]);
  });

  it('the compiler refuses a sentence, a missing or an unknown placeholder (typecheck runs over this file)', () => {
    const refused = (): void => {
      // @ts-expect-error a sentence where the template's placeholders go
      fail('E_BATCH_UNKNOWN', '导入批次 7 不存在。');
      // @ts-expect-error a placeholder left out ({at})
      fail('E_BATCH_ROLLED_BACK', { id: 7 });
      // @ts-expect-error a template without placeholders takes {} and no sentence
      failure('E_NO_FILES', '请指定文件。');
      // @ts-expect-error nor anything inside the {}
      errorOf('E_NO_FILES', { file: 'a.xlsx' });
      // @ts-expect-error a placeholder the template does not have
      failure('E_YEAR', { what: '年度', year: 2025, hint: '四位' });
      // @ts-expect-error a code that is not listed
      failure('E_NOT_LISTED', {});
      // @ts-expect-error no sentence through the constructor either: it is private
      throw new AppFailure('E_BATCH_UNKNOWN', '导入批次 7 不存在。');
    };
    expect(() => refused()).toThrow(AppFailure);
  });

  it('raises again an error that crossed a boundary with its own code and words', () => {
    const e = { code: 'R_SUM_LOANS', message: '合计不等于分项之和。', where: { sheet: '信贷总量', cell: 'C5' } };
    const again = AppFailure.of(e);
    expect(again.appError).toEqual(e);
    expect(again.message).toBe('合计不等于分项之和。');
    // Its own copy: what the caller does with the error it had afterwards changes nothing here.
    e.where.cell = 'D9';
    expect(again.appError.where).toEqual({ sheet: '信贷总量', cell: 'C5' });
  });

  it('fills a template, and a failure carries the code, the message and where', () => {
    expect(errorMessage('E_BATCH_UNKNOWN', { id: 7 })).toBe('导入批次 7 不存在。运行 batches 命令可查看全部批次。');
    expect(errorMessage('E_CANCELLED', { what: '操作', left: '数据未作改动' })).toBe('操作已取消，数据未作改动。');
    expect(errorMessage('E_NO_FILES')).toBe('请指定要导入的文件或文件夹。');
    const f = failure('E_SHEET_MISSING', { sheet: '信贷总量' }, { file: 'a.xlsx' });
    expect(f).toBeInstanceOf(AppFailure);
    expect(f.appError).toEqual({ code: 'E_SHEET_MISSING', message: '工作簿缺少工作表「信贷总量」。请勿删除或重命名模板的工作表。', where: { file: 'a.xlsx' } });
    expect(errorOf('E_YEAR', { what: '年度', year: '20x5' })).toEqual({ ok: false, error: { code: 'E_YEAR', message: '年度「20x5」无效，应为四位年份。' } });
    expect(isErrorCode('E_YEAR')).toBe(true);
    expect(isErrorCode('E_NOT_A_CODE')).toBe(false);
  });

  it('the handler boundary turns a throw into a Result with a listed code', () => {
    expect(toResult(failure('E_YEAR', { what: '年度', year: 1 }))).toEqual({ ok: false, error: { code: 'E_YEAR', message: '年度「1」无效，应为四位年份。' } });
    expect(toResult(Object.assign(new Error('x'), { name: 'AbortError' }))).toEqual({ ok: false, error: { code: 'E_CANCELLED', message: '操作已取消，数据未作改动。' } });
    const internal = toResult(new TypeError('boom'));
    expect(internal).toEqual({ ok: false, error: { code: 'E_INTERNAL', message: '程序内部错误，操作未完成；已保存的数据不受影响。请重试；若问题重复出现，请记下操作步骤告知技术支持。' } });
  });
});
