/**
 * One list of codes with their Chinese templates (src/domain/errors.ts), and the helpers
 * that raise them with the template filled in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, errorMessage, isErrorCode } from '../../src/domain/errors';
import { AppFailure, errorOf, failure } from '../../src/domain/result';
import { toResult } from '../../src/services/api/wrap';

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
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|vue)$/.test(e.name) ? [join(dir, e.name)] : []));
    // A check rule's code comes with the rule (resources/rules/); these two are its defaults.
    const ruleDefaults = new Set(['E_RULE', 'W_RULE']);
    const unlisted = new Map<string, string>();
    for (const f of files('src')) {
      for (const m of readFileSync(f, 'utf8').matchAll(/'([EWN]_[A-Z0-9_]+)'/g)) {
        const code = m[1] ?? '';
        if (!isErrorCode(code) && !ruleDefaults.has(code)) unlisted.set(code, f);
      }
    }
    expect([...unlisted]).toEqual([]);
  });

  it('raises again an error that crossed a boundary with its own code and words', () => {
    const e = { code: 'R_SUM_LOANS', message: '合计不等于分项之和。', where: { sheet: '信贷总量', cell: 'C5' } };
    expect(AppFailure.of(e).appError).toEqual(e);
    expect(AppFailure.of(e).message).toBe('合计不等于分项之和。');
  });

  it('fills a template, and a failure carries the code, the message and where', () => {
    expect(errorMessage('E_BATCH_UNKNOWN', { id: 7 })).toBe('导入批次 7 不存在。运行 batches 命令可查看全部批次。');
    expect(errorMessage('E_CANCELLED')).toBe('操作已取消，数据未作改动。');
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
