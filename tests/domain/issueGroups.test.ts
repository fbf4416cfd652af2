import { describe, expect, it } from 'vitest';
import { groupByRule } from '../../src/domain/present/issues';

describe('the import preview groups problems by rule', () => {
  it('puts the issues of one rule under one heading, in the order they came, and leaves cell checks alone', () => {
    const issues = [
      { code: 'E_REQUIRED', message: 'a' },
      { code: 'W_MEMBER_EXCEEDS_TOTAL', rule: 'R25-18', ruleTitle: '各县首位产业贷款余额 ≤ 该县涉农贷款余额', message: '汉滨区' },
      { code: 'W_JUMP', rule: 'R25-31', ruleTitle: '各项贷款余额较上季度变动不超过 50%', message: 'b' },
      { code: 'W_MEMBER_EXCEEDS_TOTAL', rule: 'R25-18', ruleTitle: '各县首位产业贷款余额 ≤ 该县涉农贷款余额', message: '旬阳市' },
      { code: 'E_NEGATIVE', message: 'c' },
    ];
    const g = groupByRule(issues);
    expect(g.map((x) => [x.rule, x.heading, x.items.map((i) => i.message)])).toEqual([
      [null, '', ['a']],
      ['R25-18', '审核公式 R25-18：各县首位产业贷款余额 ≤ 该县涉农贷款余额（2 处）', ['汉滨区', '旬阳市']],
      ['R25-31', '审核公式 R25-31：各项贷款余额较上季度变动不超过 50%', ['b']],
      [null, '', ['c']],
    ]);
  });
});
