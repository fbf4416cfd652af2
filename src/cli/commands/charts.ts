/** chart · pack */
import type { CommandDef } from '../command';
import { CliUsageError, flag, opt, optNumber, required } from '../args';
import { printJson, reportFailure, table } from '../io';
import type { ChartParams } from '../../domain/charts/types';
import type { AmountUnitChoice } from '../../domain/charts/format';

const UNITS: AmountUnitChoice[] = ['万元', '亿元', 'auto'];

function chartParams(args: Parameters<CommandDef['run']>[0]['args']): ChartParams {
  const params: ChartParams = {};
  const quarter = opt(args, 'quarter');
  if (quarter) params.quarter = quarter;
  const chain = opt(args, 'chain');
  const region = opt(args, 'region');
  const institution = opt(args, 'institution');
  if (chain) params.chain = chain;
  if (region) params.region = region;
  if (institution) params.institution = institution;
  return params;
}

export const chartCommand: CommandDef = {
  name: 'chart',
  summary: '图表：列出全部图表；输出某图表的 ECharts 配置（核对数字）；导出 PNG（印刷分辨率）或 SVG',
  usage:
    'chart --list [--json] | chart --id ID [--quarter 2025Q3] [--chain C] [--region R] [--institution I] [--unit 万元|亿元|auto] --json | chart --id ID [--quarter 2025Q3] [--chain C] --format png|svg --out FILE [--width-cm 15.5 --dpi 300]（不写 --quarter 时取最近一个有报送的季度）',
  options: { list: 'boolean', id: 'string', quarter: 'string', chain: 'string', region: 'string', institution: 'string', unit: 'string', format: 'string', out: 'string', 'width-cm': 'string', dpi: 'string' },
  run: async ({ handlers, io, json, args }) => {
    if (flag(args, 'list')) {
      const r = await handlers()['charts.list']({}, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value.map((c) => ({ id: c.id, title: c.title, params: c.params })));
      else io.out(table(['图表', '名称', '参数', '说明'], r.value.map((c) => [c.id, c.title, c.params.join(', '), c.description])));
      return 0;
    }
    const id = required(args, 'id');
    const params = chartParams(args);
    const unit = opt(args, 'unit');
    if (unit !== undefined && !UNITS.includes(unit as AmountUnitChoice)) throw new CliUsageError(`--unit 只能是 ${UNITS.join('、')}。`);
    const amountUnit = unit as AmountUnitChoice | undefined;
    const format = opt(args, 'format');
    if (format === undefined) {
      if (!json) throw new CliUsageError('请用 --json 输出图表配置，或用 --format png|svg --out FILE 导出图片。');
      const r = await handlers()['charts.option']({ id, params, ...(amountUnit ? { amountUnit } : {}) }, {});
      if (!r.ok) return reportFailure(io, r, json);
      printJson(io, r.value);
      return 0;
    }
    if (format !== 'png' && format !== 'svg') throw new CliUsageError(`--format 只能是 png 或 svg，收到「${format}」。`);
    const widthCm = optNumber(args, 'width-cm');
    const dpi = optNumber(args, 'dpi');
    const r = await handlers()['charts.export'](
      { id, params, format, out: required(args, 'out'), ...(amountUnit ? { amountUnit } : {}), ...(widthCm !== undefined ? { widthCm } : {}), ...(dpi !== undefined ? { dpi } : {}) },
      {},
    );
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else io.out(`已导出 ${r.value.format.toUpperCase()}：${r.value.path}（${r.value.width}×${r.value.height}${r.value.format === 'png' ? ' 像素' : ''}）`);
    return 0;
  },
};

export const packCommand: CommandDef = {
  name: 'pack',
  summary: '生成某季度的报告材料包：全部图表（PNG + SVG）、数据表（.xlsx）和 Word 报告初稿（.docx）',
  usage: 'pack --quarter 2025Q3 --out DIR [--region ankang|bishan] [--width-cm 15.5 --dpi 300] [--date YYYY-MM-DD] [--json]',
  options: { quarter: 'string', out: 'string', region: 'string', 'width-cm': 'string', dpi: 'string', date: 'string' },
  run: async ({ handlers, io, json, args }) => {
    const quarter = required(args, 'quarter');
    const out = required(args, 'out');
    const region = opt(args, 'region');
    const date = opt(args, 'date');
    const widthCm = optNumber(args, 'width-cm');
    const dpi = optNumber(args, 'dpi');
    const r = await handlers()['charts.pack'](
      { quarter, out, ...(region ? { region } : {}), ...(date ? { date } : {}), ...(widthCm !== undefined ? { widthCm } : {}), ...(dpi !== undefined ? { dpi } : {}) },
      { onProgress: (p) => (json ? undefined : io.err(`${p.stage} ${p.done}/${p.total}`)) },
    );
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else io.out(`报告材料已生成：${r.value.dir}\n  图表 ${r.value.charts.length} 张（PNG + SVG）\n  数据表：${r.value.tables}\n  报告初稿：${r.value.report}`);
    return 0;
  },
};
