/**
 * 每季后5日内 by the working calendar, through the real handlers on real files: the stored
 * deadline moves past weekends and holidays (国庆 2025: 10-05 → 10-09), and the import, the
 * status matrix, the scoring rule and the target tracker all judge against it — also after
 * the analyst sets a deadline by hand or corrects the calendar, and after an older database
 * (deadlines at quarter end + 5) is opened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import type { HandlerTable } from '../../src/api/contract';
import { fixedClock, setClock, type Clock } from '../../src/domain/clock';
import { setLocalUser } from '../../src/services/settings/localUser';
import { reportCounts } from '../../src/services/assessment/reports';
import { writeReport } from './fixtures';
import { tempDir } from '../hardening/helpers/temp';
import { must } from '../helpers/result';
import { cli } from '../helpers/cli';

const tmp = tempDir('deadlines');
const dbPath = join(tmp.dir, 'rfm.sqlite');
let ctx: ServiceContext;
let h: HandlerTable;
let clock: Clock;


beforeAll(() => {
  clock = setClock(fixedClock('2025-11-20T10:00:00+08:00'));
  ctx = openContext(dbPath);
  h = createHandlers(ctx);
  setLocalUser(ctx.db, '赵分析');
});
afterAll(() => {
  closeContext(ctx);
  setClock(clock);
  tmp.cleanup();
});

async function states(): Promise<Record<string, string>> {
  const m = must(await h['status.matrix']({ quarter: '2025Q3', region: 'ankang' }, {}));
  return Object.fromEntries(m.cells.filter((c) => c.state !== '未报').map((c) => [c.institution, c.state]));
}

async function reportsTarget(): Promise<string> {
  const all = must(await h['targets.evaluate']({ quarter: '2025Q3', region: 'ankang' }, {}));
  return all.find((t) => t.id === 'ak-reports')?.figures ?? '';
}

describe('deadlines by the working calendar', () => {
  it('stores each quarter’s deadline moved past weekends, holidays and into 调休 working weekends', async () => {
    const list = must(await h['deadlines.list']({ from: '2022Q3', to: '2025Q4' }, {}));
    const by = Object.fromEntries(list.map((d) => [d.quarter, d.deadline]));
    expect(by['2025Q3']).toBe('2025-10-09'); // 10-05 inside 国庆节、中秋节 10-01..08
    expect(by['2025Q1']).toBe('2025-04-07'); // 10-05 is 清明 (Sat), 04-06 Sunday
    expect(by['2025Q2']).toBe('2025-07-07'); // Saturday
    expect(by['2024Q4']).toBe('2025-01-06'); // Sunday
    expect(by['2025Q4']).toBe('2026-01-05'); // a Monday
    expect(by['2022Q3']).toBe('2022-10-08'); // a Saturday worked (调休) after 国庆
    expect(by['2024Q1']).toBe('2024-04-07'); // a Sunday worked after 清明
    const q3 = list.find((d) => d.quarter === '2025Q3');
    expect(q3).toMatchObject({ dueDate: '2025-10-05', source: 'calendar', calendarConfirmed: true });
    expect(q3?.moved).toBe('2025-10-05（星期日）在国庆节、中秋节假期内，顺延至 2025-10-09（星期四）');
  });

  it('a Q3 report on the first working day after 国庆 is on time, a day later 逾期 — everywhere', async () => {
    const onTime = writeReport(ctx.db, { institution: 'AK-ABC', quarter: '2025Q3' }, join(tmp.dir, 'a', '农行安康分行2025Q3.xlsx'));
    const dayLate = writeReport(ctx.db, { institution: 'AK-ICBC', quarter: '2025Q3' }, join(tmp.dir, 'a', '工行安康分行2025Q3.xlsx'));
    const a = must(await h['import.files']({ paths: [onTime], receivedDate: '2025-10-09' }, {}));
    const b = must(await h['import.files']({ paths: [dayLate], receivedDate: '2025-10-10' }, {}));
    expect(a.files[0]).toMatchObject({ status: 'accepted', late: false, deadline: '2025-10-09' });
    expect(b.files[0]).toMatchObject({ status: 'accepted', late: true, deadline: '2025-10-09' });
    expect(await states()).toEqual({ 'AK-ABC': '已报', 'AK-ICBC': '逾期' });
    const m = must(await h['status.matrix']({ quarter: '2025Q3', region: 'ankang' }, {}));
    expect(m.deadlines.map((d) => [d.quarter, d.deadline])).toEqual([['2025Q3', '2025-10-09']]);
    const counts = reportCounts(ctx.db, ['AK-ABC', 'AK-ICBC'], 2025);
    expect(counts.get('AK-ABC')).toMatchObject({ late: 0 });
    expect(counts.get('AK-ICBC')).toMatchObject({ late: 1 });
    expect(await reportsTarget()).toContain('逾期 1 家（中国工商银行安康分行）');
    const hist = must(await h['history.list']({ institution: 'AK-ICBC', quarter: '2025Q3' }, {}));
    expect(hist[0]?.late).toBe(true);
  });

  it('a deadline set by hand, with its reason, relabels the quarter’s reports at once; reset returns it', async () => {
    const refused = await h['deadlines.set']({ quarter: '2025Q3', date: '2025-10-10', reason: '  ' }, {});
    expect(!refused.ok && refused.error.code).toBe('E_REASON_MISSING');
    const set = must(await h['deadlines.set']({ quarter: '2025Q3', date: '2025-10-10', reason: '人民银行安康市分行通知延期一天' }, {}));
    expect(set).toMatchObject({ deadline: '2025-10-10', calendarDeadline: '2025-10-09', source: 'analyst', reason: '人民银行安康市分行通知延期一天', setBy: '赵分析' });
    expect(await states()).toEqual({ 'AK-ABC': '已报', 'AK-ICBC': '已报' });
    expect(reportCounts(ctx.db, ['AK-ICBC'], 2025).get('AK-ICBC')).toMatchObject({ late: 0 });
    // 应报: the 10 banks of a new registry (the sample data's fictional bank is not in it).
    expect(await reportsTarget()).toContain('按时 2 家，未报 8 家');
    const audit = ctx.db.prepare(`SELECT actor, detail_json FROM audit_log WHERE action = 'deadline.set' ORDER BY id DESC LIMIT 1`).get() as { actor: string; detail_json: string };
    expect(audit.actor).toBe('赵分析');
    expect(JSON.parse(audit.detail_json)).toMatchObject({ from: '2025-10-09', to: '2025-10-10', submissionsRelabelled: 1 });
    const reset = must(await h['deadlines.set']({ quarter: '2025Q3', date: null, reason: '延期通知撤回' }, {}));
    expect(reset).toMatchObject({ deadline: '2025-10-09', source: 'calendar', reason: null });
    expect(await states()).toEqual({ 'AK-ABC': '已报', 'AK-ICBC': '逾期' });
  });

  it('an analyst’s correction to the calendar moves the deadlines it touches and is listed with its reason', async () => {
    const y = must(await h['calendar.setDay']({ date: '2025-10-09', kind: 'holiday', name: '假设的补休', reason: '测试：当地补休通知' }, {}));
    expect(y.deadlines.find((d) => d.quarter === '2025Q3')?.deadline).toBe('2025-10-10');
    expect(y.days.find((d) => d.date === '2025-10-09')).toMatchObject({ kind: 'holiday', source: 'analyst', reason: '测试：当地补休通知', shipped: null });
    expect(y.notice).toMatchObject({ number: '国办发明电〔2024〕12号', date: '2024-11-12' });
    expect(await states()).toEqual({ 'AK-ABC': '已报', 'AK-ICBC': '已报' });
    const back = must(await h['calendar.setDay']({ date: '2025-10-09', kind: null, reason: '撤销' }, {}));
    expect(back.deadlines.find((d) => d.quarter === '2025Q3')?.deadline).toBe('2025-10-09');
    expect(await states()).toEqual({ 'AK-ABC': '已报', 'AK-ICBC': '逾期' });
  });

  it('an older database (deadlines at quarter end + 5, lateness by them) is corrected when opened', async () => {
    ctx.db.prepare(`UPDATE periods SET deadline = date(end_date, '+5 days')`).run();
    ctx.db.prepare(`UPDATE submissions SET late = CASE WHEN received_date > '2025-10-05' THEN 1 ELSE 0 END WHERE quarter = '2025Q3'`).run();
    expect(await states()).toEqual({ 'AK-ABC': '逾期', 'AK-ICBC': '逾期' });
    closeContext(ctx);
    ctx = openContext(dbPath);
    h = createHandlers(ctx);
    expect(await states()).toEqual({ 'AK-ABC': '已报', 'AK-ICBC': '逾期' });
    const audit = ctx.db.prepare(`SELECT actor, detail_json FROM audit_log WHERE action = 'deadline.recompute' ORDER BY id DESC LIMIT 1`).get() as { actor: string; detail_json: string };
    expect(audit.actor).toBe('system');
    expect((JSON.parse(audit.detail_json) as { changes: { quarter: string }[] }).changes.map((c) => c.quarter)).toContain('2025Q3');
  });

  it('a year whose notice is not known says so and moves deadlines only past weekends', async () => {
    const y = must(await h['calendar.year']({ year: 2027 }, {}));
    expect(y.confirmed).toBe(false);
    expect(y.remark).toContain('未能找到、核实');
    const q = y.deadlines.find((d) => d.quarter === '2027Q3');
    expect(q).toMatchObject({ deadline: '2027-10-05', calendarConfirmed: false });
  });

  it('CLI: deadlines lists and sets with a reason, calendar cites the notice', async () => {
    const other = join(tmp.dir, 'cli.sqlite');
    const list = await cli(['deadlines', '--year', '2025', '--db', other]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/2025Q3 +2025-10-05 +2025-10-09 +2025-10-05（星期日）在国庆节、中秋节假期内/u);
    const noReason = await cli(['deadlines', '--quarter', '2025Q3', '--date', '2025-10-12', '--db', other]);
    expect(noReason.code).not.toBe(0);
    expect(noReason.err).toContain('须写明原因');
    const set = await cli(['deadlines', '--quarter', '2025Q3', '--date', '2025-10-12', '--reason', '通知延期', '--db', other]);
    expect(set.out).toContain('已将 2025Q3 的报送截止日调整为 2025-10-12');
    const cal = await cli(['calendar', '--year', '2025', '--db', other]);
    expect(cal.out).toContain('国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）');
    expect(cal.out).toMatch(/2025-10-11 +星期六 +上班 +国庆节调休上班/u);
    expect(cal.out).toContain('手工调整：通知延期');
  });
});
