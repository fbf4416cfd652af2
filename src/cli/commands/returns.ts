/** returns / chase: 退回通知 from a refused file or a report with 提示, and the quarter's 催报通知. */
import type { CommandDef } from '../command';
import { CliUsageError, opt, optNumber, required } from '../args';
import { printJson, reportFailure, table } from '../io';

function outFormat(out: string): 'docx' | 'xlsx' {
  if (/\.docx$/i.test(out)) return 'docx';
  if (/\.xlsx$/i.test(out)) return 'xlsx';
  throw new CliUsageError(`--out 的文件应以 .docx 或 .xlsx 结尾，收到「${out}」。`);
}

export const returnsCommand: CommandDef = {
  name: 'returns',
  summary: '退回重报：列出被拒收的文件和带提示导入的报表；为其中一份生成退回通知（.docx 或 .xlsx：机构、报告期、收到的文件及 SHA-256、每个问题的单元格、填报内容和要求、重报截止日）',
  usage:
    'returns [--region ankang|bishan] [--quarter 2025Q3] [--json] | returns --rejected ID|--submission ID --out 退回通知.docx|.xlsx [--working-days 3 | --deadline 2025-10-14]',
  options: { region: 'string', quarter: 'string', rejected: 'string', submission: 'string', out: 'string', 'working-days': 'string', deadline: 'string' },
  readsOnly: (a) => opt(a, 'out') === undefined,
  run: async ({ handlers, io, json, args }) => {
    const h = handlers();
    const rejected = optNumber(args, 'rejected');
    const submission = optNumber(args, 'submission');
    if (rejected !== undefined || submission !== undefined) {
      if (rejected !== undefined && submission !== undefined) throw new CliUsageError('--rejected 与 --submission 只能指定一个。');
      const out = required(args, 'out');
      const workingDays = optNumber(args, 'working-days');
      const deadline = opt(args, 'deadline');
      const source = rejected !== undefined ? { kind: 'rejected' as const, id: rejected } : { kind: 'submission' as const, id: submission ?? 0 };
      const r = await h['returns.notice']({ source, out, format: outFormat(out), ...(workingDays !== undefined ? { workingDays } : {}), ...(deadline ? { deadline } : {}) }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已生成退回通知 ${r.value.notice.number}（${r.value.notice.institutionName} ${r.value.notice.quarterLabel}，${r.value.notice.problems.length} 个问题，重报截止 ${r.value.notice.deadline}）：${r.value.path}`);
      return 0;
    }
    if (opt(args, 'out') !== undefined) throw new CliUsageError('生成退回通知需指定 --rejected ID 或 --submission ID。');
    const region = opt(args, 'region');
    const quarter = opt(args, 'quarter');
    const r = await h['returns.list']({ ...(region ? { region } : {}), ...(quarter ? { quarter } : {}) }, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else
      io.out(
        table(
          ['来源', '编号', '机构', '报告期', '文件', '收到日期', '问题', '退回通知'],
          r.value.map((c) => [c.source.kind === 'rejected' ? '拒收文件' : '带提示导入', `--${c.source.kind === 'rejected' ? 'rejected' : 'submission'} ${c.source.id}`, c.institutionName, c.quarter, c.fileName, c.receivedDate, c.problems, c.notice ? `${c.notice.number}（${c.notice.date}）` : '']),
        ),
      );
    return 0;
  },
};

export const chaseCommand: CommandDef = {
  name: 'chase',
  summary: '催报通知：某季度尚未报送、已退回待重报和逾期报送的机构，写成通知（.docx 或 .xlsx）',
  usage: 'chase --region ankang|bishan --quarter 2025Q3 --out 催报通知.docx|.xlsx [--working-days 3]',
  options: { region: 'string', quarter: 'string', out: 'string', 'working-days': 'string' },
  run: async ({ handlers, io, json, args }) => {
    const out = required(args, 'out');
    const workingDays = optNumber(args, 'working-days');
    const r = await handlers()['status.chaseNotice']({ region: required(args, 'region'), quarter: required(args, 'quarter'), out, format: outFormat(out), ...(workingDays !== undefined ? { workingDays } : {}) }, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else io.out(`已生成催报通知（${r.value.items} 家机构）：${r.value.path}`);
    return 0;
  },
};
