/**
 * 催报通知: the chase list of a quarter (未报, 已退回 待重报, 逾期) as a notice to the banks,
 * with the quarter's deadline in force and the new date to report by (working days of the
 * working calendar from today).
 */
import type { DB } from '../db/database';
import { chaseList, statusRows, type ChaseItem } from '../../domain/present/status';
import { DEFAULT_RESUBMIT_WORKING_DAYS, dateWithWeekday, longDate, regionShortName, workingDaysAfter } from '../../domain/returns/notice';
import { formatDate, parseIsoDate, parseQuarter, quarterLabel } from '../../domain/quarter';
import { failure } from '../../domain/result';
import { today } from '../../domain/clock';
import { statusMatrix } from '../import/status';
import { loadWorkCalendar } from '../calendar/calendar';
import { statement } from '../db/statements';
import type { NoticeDocument } from './export';

export interface ChaseNotice {
  document: NoticeDocument;
  items: ChaseItem[];
  quarterLabel: string;
  regionName: string;
}

export function chaseNotice(db: DB, region: string, quarter: string, workingDays = DEFAULT_RESUBMIT_WORKING_DAYS): ChaseNotice {
  const q = parseQuarter(quarter);
  if (!q) throw failure('E_QUARTER_INVALID', { what: '报告期', quarter });
  const m = statusMatrix(db, { quarter, region });
  const deadline = m.deadlines[0]?.deadline ?? null;
  const d = today();
  const items = chaseList(statusRows(m.institutions, m.cells), quarter, d, deadline);
  const r = statement(db, 'SELECT name, supervisor FROM regions WHERE code = ?').get(region) as { name: string; supervisor: string };
  const ql = quarterLabel(q);
  const by = workingDaysAfter(d, workingDays, loadWorkCalendar(db));
  const due = deadline ? parseIsoDate(deadline) : null;
  const counts = (['未报', '已退回', '逾期'] as const).map((s) => [s, items.filter((i) => i.state === s).length] as const).filter(([, n]) => n > 0);
  const stateWords: Record<ChaseItem['state'], string> = { 未报: '尚未报送', 已退回: '已退回，待重报', 逾期: '逾期报送' };
  const document: NoticeDocument = {
    issuer: r.supervisor,
    number: `${regionShortName(r.name)}催〔${q.year}〕${q.q}号`,
    title: `关于催报${ql}金融支持乡村振兴工作情况报表的通知`,
    addressee: '各有关金融机构：',
    paragraphs: [
      `按照金融支持乡村振兴工作情况按季报送的要求，${ql}报表应于${due ? dateWithWeekday(due) : '规定日期'}前报送。截至${longDate(d)}，${items.length > 0 ? `下列机构${counts.map(([s, n]) => `${stateWords[s]} ${n} 家`).join('、')}` : '各机构均已按时报送'}。`,
      items.some((i) => i.state !== '逾期')
        ? `请尚未报送和已退回的机构于${dateWithWeekday(by)}前报送（重报）；逾期报送的机构请加强报送管理，确保今后按时报送。`
        : '请逾期报送的机构加强报送管理，确保今后按时报送。',
    ],
    table: {
      header: ['序号', '机构', '状态', '截止日期', '收到日期', '超期天数'],
      widths: [4, 22, 9, 9, 9, 7],
      rows: items.map((i, n) => [String(n + 1), i.name, stateWords[i.state], i.deadline, i.receivedDate ?? '—', String(i.daysOverdue)]),
    },
    after: [],
    date: formatDate(d),
  };
  return { document, items, quarterLabel: ql, regionName: r.name };
}
