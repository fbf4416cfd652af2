/** The progress table as an office prints it. */
import type { ProgressTable } from '../../api/assessment-types';
import { quarterLabel } from '../../domain/quarter';
import { sumAmounts } from '../../domain/progress';
import { parseQuarterOrFail } from '../indicators';
import { writeOfficeWorkbook, type OfficeRow, type OfficeSheet } from '../exports/office-table';

export function progressSheet(t: ProgressTable): OfficeSheet {
  const q = parseQuarterOrFail(t.quarter);
  const labels = [...new Set(t.rows.map((r) => r.indicatorLabel))];
  const hasThree = t.rows.some((r) => r.threeYear !== null);
  const rows: OfficeRow[] = t.rows.map((r) => ({
    county: r.county,
    class: r.class ?? '',
    leadingIndustry: r.leadingIndustry ?? '',
    target: r.target,
    actual: r.actual,
    completion: r.completion,
    timeProgress: r.timeProgress,
    gap: r.gap,
    rank: r.rank,
    behind: r.behind === null ? '—' : r.behind ? '落后' : '正常',
    threeTarget: r.threeYear?.target ?? null,
    threeActual: r.threeYear?.actual ?? null,
    threeCompletion: r.threeYear?.completion ?? null,
    _highlight: r.behind === true,
  }));
  rows.push({
    county: '合计',
    class: '',
    leadingIndustry: '',
    target: t.total.target,
    actual: t.total.actual,
    completion: t.total.completion,
    timeProgress: t.total.timeProgress,
    gap: t.total.gap,
    rank: '',
    behind: `落后 ${t.total.behindCount} 个`,
    threeTarget: sumAmounts(t.rows.map((r) => r.threeYear?.target ?? null)),
    threeActual: sumAmounts(t.rows.map((r) => r.threeYear?.actual ?? null)),
    threeCompletion: null,
    _bold: true,
  });
  return {
    name: '进度表',
    title: `${t.regionName}「金融兴产强县」首位产业信贷支持进度表`,
    period: `报告期：${quarterLabel(q)}末（时序进度 ${(t.timeProgress * 100).toFixed(1)}%）`,
    unit: '单位：万元、%',
    landscape: true,
    columns: [
      { key: 'county', header: '县（市、区）', width: 11, align: 'center' },
      { key: 'class', header: '县域类别', width: 14, align: 'center' },
      { key: 'leadingIndustry', header: '首位产业', width: 14, align: 'center' },
      { key: 'target', header: `${t.year}年目标`, width: 13, format: 'amount' },
      { key: 'actual', header: '实际完成', width: 13, format: 'amount' },
      { key: 'completion', header: '完成率', width: 9, format: 'percent' },
      { key: 'timeProgress', header: '时序进度', width: 9, format: 'percent' },
      { key: 'gap', header: '进度差', width: 9, format: 'percent' },
      { key: 'rank', header: '完成率排名', width: 8, format: 'integer' },
      { key: 'behind', header: '进度', width: 10, align: 'center' },
      ...(hasThree
        ? [
            { key: 'threeTarget', header: '三年目标', width: 13, format: 'amount' as const },
            { key: 'threeActual', header: '三年累计完成', width: 13, format: 'amount' as const },
            { key: 'threeCompletion', header: '三年完成率', width: 10, format: 'percent' as const },
          ]
        : []),
    ],
    rows,
    notes: [
      `说明：考核口径为${labels.join('、')}，实际完成为各金融机构报表中该县数据之和；完成率 = 实际完成 ÷ 年度目标；时序进度 = 报告期末已过天数 ÷ 全年天数；进度差 = 完成率 − 时序进度，为负者标为落后（底色标示）。合计完成率按设有目标的县计算。`,
    ],
    source: `各金融机构报送的${quarterLabel(q)}金融支持乡村振兴报表；目标为分析人员录入或导入的「金融兴产强县」目标`,
  };
}

export async function exportProgress(path: string, t: ProgressTable): Promise<string> {
  return writeOfficeWorkbook(path, [progressSheet(t)], { title: `${t.regionName}金融兴产强县进度表` });
}
