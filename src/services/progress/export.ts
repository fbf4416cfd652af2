/** The progress table as an office prints it: the measure's definition in words under it. */
import type { ProgressTable } from '../../api/assessment-types';
import { quarterLabel } from '../../domain/quarter';
import { parseQuarterOrFail } from '../indicators';
import { writeOfficeWorkbook, type OfficeRow, type OfficeSheet } from '../exports/office-table';

export function progressSheet(t: ProgressTable): OfficeSheet {
  const q = parseQuarterOrFail(t.quarter);
  const hasThree = t.rows.some((r) => r.threeYear !== null);
  const hasStock = t.rows.some((r) => r.kind === 'stock' && r.target !== null);
  const multi = t.totals.length > 1;
  const rows: OfficeRow[] = t.rows.map((r) => ({
    county: r.county,
    class: r.class ?? '',
    leadingIndustry: r.leadingIndustry ?? '',
    measure: r.indicatorLabel,
    target: r.target,
    base: r.base,
    actual: r.actual,
    completion: r.completion,
    timeProgress: r.timeProgress,
    gap: r.gap,
    rank: r.rank,
    behind: r.behind === null ? (r.note ?? '—') : r.behind ? '落后' : '正常',
    threeTarget: r.threeYear?.target ?? null,
    threeActual: r.threeYear?.actual ?? null,
    threeCompletion: r.threeYear?.completion ?? null,
    _highlight: r.behind === true,
  }));
  for (const tot of t.totals) {
    rows.push({
      county: multi ? `合计（${tot.indicatorLabel}）` : '合计',
      class: `${tot.counties.length} 个县`,
      leadingIndustry: '',
      measure: tot.indicatorLabel,
      target: tot.target,
      base: tot.base,
      actual: tot.actual,
      completion: tot.completion,
      timeProgress: tot.timeProgress,
      gap: tot.gap,
      rank: '',
      behind: `落后 ${tot.behindCount} 个`,
      threeTarget: null,
      threeActual: null,
      threeCompletion: null,
      _bold: true,
    });
  }
  return {
    name: '进度表',
    title: `${t.regionName}「金融兴产强县」首位产业信贷支持进度表`,
    period: `报告期：${quarterLabel(q)}末（时序进度 ${(t.timeProgress * 100).toFixed(1)}%）`,
    unit: '单位：万元、%',
    landscape: true,
    columns: [
      { key: 'county', header: '县（市、区）', width: 11, align: 'center' },
      { key: 'class', header: '县域类别', width: 12, align: 'center' },
      { key: 'leadingIndustry', header: '首位产业', width: 14, align: 'center' },
      { key: 'measure', header: '考核口径', width: 14, align: 'center' },
      { key: 'target', header: `${t.year}年目标`, width: 13, format: 'amount' },
      ...(hasStock ? [{ key: 'base', header: '年初余额', width: 13, format: 'amount' as const }] : []),
      { key: 'actual', header: '实际完成', width: 13, format: 'amount' },
      { key: 'completion', header: '完成率', width: 9, format: 'percent' },
      { key: 'timeProgress', header: '时序进度', width: 9, format: 'percent' },
      { key: 'gap', header: '进度差', width: 9, format: 'percent' },
      { key: 'rank', header: '完成率排名', width: 8, format: 'integer' },
      { key: 'behind', header: '进度', width: 12, align: 'center' },
      ...(hasThree
        ? [
            { key: 'threeTarget', header: '三年目标', width: 13, format: 'amount' as const },
            { key: 'threeActual', header: '三年累计完成', width: 13, format: 'amount' as const },
            { key: 'threeCompletion', header: '三年完成率', width: 10, format: 'percent' as const },
          ]
        : []),
    ],
    rows,
    notes: [`说明：实际完成为各金融机构报表中该县数据之和。${t.definitions.join('')}`],
    source: `各金融机构报送的${quarterLabel(q)}金融支持乡村振兴报表；目标为分析人员录入或导入的「金融兴产强县」目标；县域分类与首位产业见「机构与设置」所列依据`,
  };
}

export async function exportProgress(path: string, t: ProgressTable): Promise<string> {
  return writeOfficeWorkbook(path, [progressSheet(t)], { title: `${t.regionName}金融兴产强县进度表` });
}

/** The table in a report's words: per measure, the counties with a target, the 合计, who is behind, and the rule. */
export function progressParagraphs(t: ProgressTable): string[] {
  const q = quarterLabel(parseQuarterOrFail(t.quarter));
  const pct = (x: number | null): string => (x === null ? '无数据' : `${(x * 100).toFixed(1)}%`);
  return t.totals.map((tot) => {
    const behind = t.rows.filter((r) => r.indicator === tot.indicator && r.behind === true).map((r) => r.county);
    const m = t.definitions.find((d) => d.startsWith(`${tot.indicatorLabel}（`)) ?? '';
    const rule = m.slice(m.indexOf('：') + 1);
    return (
      `截至${q}末，按${tot.indicatorLabel}口径设有年度目标的${tot.counties.length}个县（市）合计完成${pct(tot.completion)}，时序进度${pct(tot.timeProgress)}` +
      `${behind.length ? `，落后于时序进度的有${behind.join('、')}` : '，均不落后于时序进度'}。${rule}`
    );
  });
}
