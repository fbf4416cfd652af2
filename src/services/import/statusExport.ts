/** The 报送情况 matrix as an office table: who reported, who was late, who is missing. */
import { institutionDisplayName } from '../../domain/catalogue/exampleName';
import { writeOfficeWorkbook, type OfficeColumn, type OfficeRow } from '../exports/office-table';
import type { DB } from '../db/database';
import { statusMatrix, type StatusQuery } from './status';
import { parseQuarter, quarterLabel } from '../../domain/quarter';
import type { StatusMatrix } from '../../api/types';

function periodLabel(m: StatusMatrix): string {
  const first = m.quarters[0];
  const last = m.quarters[m.quarters.length - 1];
  const label = (id: string | undefined): string => {
    const q = id ? parseQuarter(id) : null;
    return q ? quarterLabel(q) : (id ?? '');
  };
  return first === last ? `报告期：${label(first)}` : `报告期：${label(first)}至${label(last)}`;
}

export async function exportStatusMatrix(db: DB, query: StatusQuery, out: string): Promise<{ path: string; matrix: StatusMatrix }> {
  const m = statusMatrix(db, query);
  const cells = new Map(m.cells.map((c) => [`${c.institution}|${c.quarter}`, c]));
  const columns: OfficeColumn[] = [
    { key: 'code', header: '机构代码', width: 12, align: 'center' },
    { key: 'name', header: '机构名称', width: 30 },
    ...m.quarters.map((q): OfficeColumn => ({ key: q, header: q, width: 11, align: 'center' })),
    { key: 'missing', header: '未报（期）', width: 10, format: 'integer' },
    { key: 'late', header: '逾期（期）', width: 10, format: 'integer' },
  ];
  const rows: OfficeRow[] = m.institutions.map((i) => {
    const row: OfficeRow = { code: i.code, name: institutionDisplayName(i), missing: 0, late: 0 };
    let missing = 0;
    let late = 0;
    for (const q of m.quarters) {
      const c = cells.get(`${i.code}|${q}`);
      const state = c?.state ?? '未报';
      // A fictional bank (示例机构) is not 应报: what it sent is shown, nothing is counted against it.
      if (i.example) {
        row[q] = state === '未报' ? '不计应报' : state;
        continue;
      }
      if (state === '未报') missing++;
      if (state === '逾期') late++;
      row[q] = c && c.resubmissions > 0 ? `${state}（重报${c.resubmissions}）` : state;
    }
    row['missing'] = missing;
    row['late'] = late;
    row._highlight = missing > 0 || late > 0;
    return row;
  });
  const sum = (key: 'missing' | 'late'): number => rows.reduce((n, r) => n + Number(r[key] ?? 0), 0);
  const totalRow: OfficeRow = { code: '', name: '合计（已报／逾期／未报）', _bold: true, missing: sum('missing'), late: sum('late') };
  for (const t of m.totals) totalRow[t.quarter] = `${t.reported}／${t.late}／${t.missing}`;
  rows.push(totalRow);
  const path = await writeOfficeWorkbook(out, [
    {
      name: '报送情况',
      title: '金融支持乡村振兴工作情况季度报送情况表',
      period: periodLabel(m),
      unit: '单位：期',
      columns,
      rows,
      notes: [
        '说明：报送期限为每季度结束后5日内，遇周末或法定节假日顺延至其后第一个工作日；「逾期」指超过截止日报送，「补录」为事后补录的历史报表（不计及时性），「重报」为更正后重新报送的次数；底色标出有逾期或未报的机构。',
        `各季度截止日：${m.deadlines.map((d) => `${d.quarter} ${d.deadline}${d.source === 'analyst' ? `（调整：${d.reason ?? ''}）` : ''}`).join('；')}。`,
      ],
      source: '数据来源：本系统导入记录',
      landscape: m.quarters.length > 4,
    },
  ]);
  return { path, matrix: m };
}
