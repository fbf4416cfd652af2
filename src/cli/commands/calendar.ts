/** deadlines · calendar: the reporting deadlines and the working calendar they come from. */
import type { CommandDef } from '../command';
import { CliUsageError, opt, optNumber } from '../args';
import { printJson, reportFailure, table } from '../io';
import type { DeadlineInfo } from '../../api/types';
import { formatLocalDateTime } from '../../domain/present/time';
import { today } from '../../domain/clock';

function deadlineRows(list: DeadlineInfo[]): (string | null)[][] {
  return list.map((d) => [
    d.quarter,
    d.dueDate,
    d.deadline,
    d.source === 'analyst' ? `手工调整：${d.reason ?? ''}（${d.setBy ?? ''}，${d.setAt ? formatLocalDateTime(d.setAt) : ''}；按节假日为 ${d.calendarDeadline}）` : (d.moved ?? '—'),
    d.calendarConfirmed ? '' : (d.calendarNote ?? '节假日安排未核实'),
  ]);
}

export const deadlinesCommand: CommandDef = {
  name: 'deadlines',
  summary: '各季度报送截止日（季末后5日，遇周末、节假日顺延）；--quarter Q --date D 手工调整某季度截止日（须写明原因），--date auto 恢复按节假日计算',
  usage: 'deadlines [--year 2025 | --from 2025Q1 --to 2025Q4] [--quarter 2025Q3 --date 2025-10-15|auto --reason TEXT] [--json]',
  options: { year: 'string', from: 'string', to: 'string', quarter: 'string', date: 'string', reason: 'string' },
  run: async ({ handlers, io, json, args }) => {
    const h = handlers();
    const date = opt(args, 'date');
    if (date !== undefined) {
      const quarter = opt(args, 'quarter');
      if (!quarter) throw new CliUsageError('调整截止日须指定季度：--quarter 2025Q3。');
      const reason = opt(args, 'reason');
      if (!reason) throw new CliUsageError('调整截止日须写明原因：--reason 文字。');
      const reset = date === 'auto';
      const r = await h['deadlines.set']({ quarter, date: reset ? null : date, reason }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(reset ? `已恢复 ${r.value.quarter} 的报送截止日为按节假日计算的 ${r.value.deadline}。` : `已将 ${r.value.quarter} 的报送截止日调整为 ${r.value.deadline}（原因：${reason}）。`);
      return 0;
    }
    const year = optNumber(args, 'year');
    const from = opt(args, 'from');
    const to = opt(args, 'to');
    const r = await h['deadlines.list'](year !== undefined ? { year } : from || to ? { ...(from ? { from } : {}), ...(to ? { to } : {}) } : { year: today().y }, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else io.out(table(['季度', '季末后5日', '截止日', '顺延或调整', '备注'], deadlineRows(r.value)));
    return 0;
  },
};

export const calendarCommand: CommandDef = {
  name: 'calendar',
  summary: '某年的放假与调休上班日期（注明国务院办公厅通知）；--set-day 修改一天（放假或上班，须写明依据），--clear-day 撤销修改',
  usage: 'calendar --year 2027 [--set-day 2027-10-01 --kind holiday|workday [--name 国庆节] --reason TEXT] [--clear-day DATE --reason TEXT] [--json]',
  options: { year: 'string', 'set-day': 'string', kind: 'string', name: 'string', reason: 'string', 'clear-day': 'string' },
  run: async ({ handlers, io, json, args }) => {
    const h = handlers();
    const setDay = opt(args, 'set-day');
    const clearDay = opt(args, 'clear-day');
    let r;
    if (setDay || clearDay) {
      const reason = opt(args, 'reason');
      if (!reason) throw new CliUsageError('修改节假日安排须写明依据：--reason 文字。');
      const kind = opt(args, 'kind');
      if (setDay && kind !== 'holiday' && kind !== 'workday') throw new CliUsageError('参数 --kind 应为 holiday（放假）或 workday（上班）。');
      const name = opt(args, 'name');
      r = await h['calendar.setDay']({ date: setDay ?? clearDay ?? '', kind: setDay ? (kind as 'holiday' | 'workday') : null, ...(name ? { name } : {}), reason }, {});
    } else {
      const year = optNumber(args, 'year');
      if (year === undefined) throw new CliUsageError('缺少参数 --year。');
      r = await h['calendar.year']({ year }, {});
    }
    if (!r.ok) return reportFailure(io, r, json);
    if (json) {
      printJson(io, r.value);
      return 0;
    }
    const y = r.value;
    const n = y.notice;
    io.out(n ? `${y.year}年：${n.title}（${n.number ?? '文号未核实'}，${n.date}）${y.amendedBy ? `；${y.amendedBy.title}（${y.amendedBy.number ?? ''}，${y.amendedBy.date}）` : ''}` : `${y.year}年：节假日安排通知未核实。`);
    if (y.remark) io.out(y.remark);
    io.out(
      table(
        ['日期', '星期', '安排', '名称', '来源'],
        y.days.map((d) => [d.date, d.weekday, d.kind === 'holiday' ? '放假' : '上班', d.name, d.source === 'analyst' ? `分析人员修改：${d.reason ?? ''}（${d.setBy ?? ''}）` : '通知']),
      ),
    );
    io.out('');
    io.out(table(['季度', '季末后5日', '截止日', '顺延或调整', '备注'], deadlineRows(y.deadlines)));
    return 0;
  },
};
