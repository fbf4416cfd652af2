/** The scores workbook: 汇总 (one row per institution) and 明细 (every item with its explanation). */
import type { ScoreResult } from '../../domain/assessment/types';
import { writeOfficeWorkbook, type OfficeSheet } from '../exports/office-table';
import { examplesNote, gradeText, provisionalNote } from '../../domain/assessment/describe';

export function scoreSheets(r: ScoreResult, regionName: string): OfficeSheet[] {
  const provisional = provisionalNote(r);
  const source = `各金融机构报送的${r.year}年金融支持乡村振兴季度报表（${r.year}年第四季度末数据）；考核方案「${r.schemeName}」第 ${r.schemeVersion} 版`;
  const summary: OfficeSheet = {
    name: '考核结果汇总',
    title: `${regionName}金融机构服务乡村振兴考核评估结果汇总表`,
    period: `考核年度：${r.year}年${provisional ? '（等次暂定）' : ''}`,
    unit: '单位：分',
    landscape: true,
    columns: [
      { key: 'groupLabel', header: '机构分组', width: 16 },
      { key: 'rank', header: '组内排名', width: 8, format: 'integer' },
      { key: 'institutionName', header: '金融机构', width: 30 },
      { key: 'quantitative', header: '定量得分（满分75）', width: 11, format: 'points' },
      { key: 'qualitative', header: '定性得分（满分25）', width: 11, format: 'points' },
      { key: 'bonus', header: '加分', width: 8, format: 'points' },
      { key: 'penalty', header: '扣分', width: 8, format: 'points' },
      { key: 'total', header: '总分', width: 9, format: 'points' },
      { key: 'grade', header: '等级', width: 12, align: 'center' },
    ],
    rows: r.results.map((x) => ({ ...x, grade: gradeText(x.grade, r), indicators: null })),
    notes: [
      ...(provisional ? [provisional] : []),
      ...[examplesNote(r)].filter((n): n is string => n !== null),
      '说明：总分 = 定量得分 + 定性得分 + 加分 − 扣分；机构在同组内排名，同分同名次。',
      r.gradingMethod === 'score' ? '等级按总分分档评定。' : '等级按组内排名比例评定。',
    ],
    source,
  };
  const detail: OfficeSheet = {
    name: '评分明细',
    title: `${regionName}金融机构服务乡村振兴考核评估评分明细表`,
    period: `考核年度：${r.year}年`,
    unit: '单位：分',
    landscape: true,
    columns: [
      { key: 'institutionName', header: '金融机构', width: 28 },
      { key: 'categoryLabel', header: '类别', width: 10, align: 'center' },
      { key: 'label', header: '评分项', width: 26 },
      { key: 'score', header: '得分', width: 8, format: 'points' },
      { key: 'max', header: '分值', width: 8, format: 'points' },
      { key: 'explanation', header: '计分说明', width: 60 },
    ],
    rows: r.results.flatMap((x) => x.indicators.map((i) => ({ institutionName: x.institutionName, categoryLabel: i.categoryLabel, label: i.label, score: i.score, max: i.max, explanation: i.explanation }))),
    source,
  };
  return [summary, detail];
}

export async function exportScores(path: string, r: ScoreResult, regionName: string): Promise<string> {
  return writeOfficeWorkbook(path, scoreSheets(r, regionName), { title: `${regionName}${r.year}年考核评估结果` });
}
