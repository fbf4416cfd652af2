/** The targets tracker as an office table, and in a report's words. */
import type { TargetStatus, TargetStatusWord } from '../../domain/targets/types';
import { writeOfficeWorkbook, type OfficeSheet } from '../exports/office-table';

export function targetsSheet(rows: TargetStatus[]): OfficeSheet {
  const quarters = [...new Set(rows.map((r) => r.quarter).filter(Boolean))].sort();
  return {
    name: '目标跟踪',
    title: '政策文件目标完成情况跟踪表',
    period: `数据截至：${quarters.length ? quarters[quarters.length - 1] : '无数据'}（已过期限的目标按期限所在季度判断）`,
    unit: '单位：万元、%',
    landscape: true,
    columns: [
      { key: 'source', header: '出处', width: 21 },
      { key: 'clause', header: '目标原文', width: 34 },
      { key: 'who', header: '责任主体', width: 16 },
      { key: 'goalText', header: '考核标准', width: 20 },
      { key: 'byLabel', header: '期限', width: 12, align: 'center' },
      { key: 'quarter', header: '判断季度', width: 9, align: 'center' },
      { key: 'status', header: '状态', width: 9, align: 'center' },
      { key: 'figures', header: '数据情况', width: 44 },
    ],
    rows: rows.map((r) => ({ ...r, details: null, prior: null, _highlight: r.status === '落后', _bold: false })),
    notes: ['说明：状态分为 已达成、进度正常（未到期限且不低于按期应达进度）、落后、无数据；脱贫人口小额信贷定价按发放时同期相应年限LPR判断（1年及以内对1年期LPR，1年以上至3年对5年期以上LPR），逐机构明细见「利率定价」各表；其他与LPR比较的目标取报告期末适用的LPR。'],
    source: '各金融机构报送的金融支持乡村振兴季度报表；目标摘自安康市实施方案、璧山府办发〔2022〕35号及分析人员添加的目标',
  };
}

const STATUS_ORDER: readonly TargetStatusWord[] = ['已达成', '进度正常', '落后', '无数据'];

/**
 * The tracker in a report's words: how many of the policy documents' targets stand where, then
 * each target behind with its figures (what a 督办 reads first), then those without data.
 */
export function targetsParagraphs(rows: readonly TargetStatus[], place: string, period: string): string[] {
  if (rows.length === 0) return [];
  const count = (w: TargetStatusWord): number => rows.filter((r) => r.status === w).length;
  const tally = STATUS_ORDER.filter((w) => count(w) > 0).map((w) => `${w}${count(w)}项`).join('，');
  const out = [`${place}实施方案等政策文件中可用报送数据跟踪的目标共${rows.length}项，截至${period}末：${tally}。`];
  const behind = rows.filter((r) => r.status === '落后');
  if (behind.length > 0) out.push(`落后的目标：${behind.map((r) => `${r.indicatorLabel}（${r.goalText}，${r.byLabel}）：${r.figures}`).join('；')}。`);
  const none = rows.filter((r) => r.status === '无数据');
  if (none.length > 0) out.push(`暂无数据的目标：${none.map((r) => r.indicatorLabel).join('、')}。`);
  return out;
}

/** The tracker, followed by the sheets that detail some of its targets (the LPR pricing tables). */
export async function exportTargets(path: string, rows: TargetStatus[], detail: OfficeSheet[] = []): Promise<string> {
  return writeOfficeWorkbook(path, [targetsSheet(rows), ...detail], { title: '目标完成情况跟踪' });
}
