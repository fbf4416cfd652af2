/**
 * A fictional bank (示例机构) is marked 示例 wherever its name is printed — tables, charts,
 * exports, the 数据来源 panel — so nobody copies its figures as a real bank's.
 */
export const EXAMPLE_MARK = '（示例）';

export function institutionDisplayName(i: { name: string; example: boolean }): string {
  return i.example ? `${i.name}${EXAMPLE_MARK}` : i.name;
}
