/**
 * A file's problems as the import preview lists them: the issues one check rule
 * raised (a rule evaluated per county or chain can fail several times) under one
 * heading; issues of the single-cell checks stay on their own.
 */
export interface GroupableIssue {
  code: string;
  rule?: string;
  ruleTitle?: string;
}

export interface IssueGroup<T> {
  /** The rule id, or null for an issue that no rule raised. */
  rule: string | null;
  /** 审核公式 R25-18：各县首位产业贷款余额 ≤ 该县涉农贷款余额（3 处）; '' for an ungrouped issue. */
  heading: string;
  items: T[];
}

export function groupByRule<T extends GroupableIssue>(issues: readonly T[]): IssueGroup<T>[] {
  const groups: IssueGroup<T>[] = [];
  const byRule = new Map<string, IssueGroup<T>>();
  for (const i of issues) {
    if (!i.rule) {
      groups.push({ rule: null, heading: '', items: [i] });
      continue;
    }
    let g = byRule.get(i.rule);
    if (!g) {
      g = { rule: i.rule, heading: '', items: [] };
      byRule.set(i.rule, g);
      groups.push(g);
    }
    g.items.push(i);
  }
  for (const g of byRule.values()) {
    const title = g.items[0]?.ruleTitle;
    g.heading = `审核公式 ${g.rule ?? ''}${title && title !== g.rule ? `：${title}` : ''}${g.items.length > 1 ? `（${g.items.length} 处）` : ''}`;
  }
  return groups;
}
