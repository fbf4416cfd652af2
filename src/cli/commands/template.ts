/** template: the quarterly report form a bank fills in. */
import type { CommandDef } from '../command';
import { join, resolve } from 'node:path';
import { flag, opt, optNumber, required } from '../args';
import { printJson, reportFailure } from '../io';
import { failure } from '../../domain/result';

export const templateCommand: CommandDef = {
  name: 'template',
  summary: '生成季度报表模板（按机构和报告期预填封面，或按地区生成空白模板）',
  usage:
    'template --institution CODE --quarter 2025Q3 --out FILE.xlsx | template --blank --region ankang|bishan --out FILE.xlsx | template ... --format csv --out FILE.csv [--encoding utf8|gbk]',
  options: { institution: 'string', quarter: 'string', region: 'string', blank: 'boolean', out: 'string', format: 'string', encoding: 'string' },
  run: async ({ handlers, io, json, args }) => {
    const out = required(args, 'out');
    const blank = flag(args, 'blank');
    const institution = opt(args, 'institution');
    const region = opt(args, 'region');
    const quarter = opt(args, 'quarter');
    const format = opt(args, 'format');
    const encoding = opt(args, 'encoding');
    if (format !== undefined && format !== 'xlsx' && format !== 'csv') {
      throw failure('E_TEMPLATE_FORMAT', { format });
    }
    if (encoding !== undefined && encoding !== 'utf8' && encoding !== 'gbk') {
      throw failure('E_TEMPLATE_ENCODING', { encoding });
    }
    if (!blank && !institution) {
      throw failure('E_TEMPLATE_WHOM', {});
    }
    const r = await handlers()['template.generate'](
      {
        out,
        ...(blank ? { blank: true } : {}),
        ...(institution && !blank ? { institution } : {}),
        ...(region ? { region } : {}),
        ...(quarter ? { quarter } : {}),
        ...(format ? { format } : {}),
        ...(encoding ? { encoding } : {}),
      },
      {},
    );
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else {
      const who = r.value.institution ? `机构 ${r.value.institution}，报告期 ${r.value.quarter}` : `空白模板（${r.value.region}）`;
      io.out(`已生成季度报表${/\.csv$/i.test(r.value.path) ? ' CSV ' : ''}模板：${r.value.path}（${who}，填报项 ${r.value.inputs} 个）`);
    }
    return 0;
  },
};

export const sampleCommand: CommandDef = {
  name: 'sample',
  summary: '生成两个地区的示例季度报表（标注「示例数据」，可重现），并写出 manifest.json（收到日期、逾期、重报）',
  usage: 'sample --out DIR [--years 2023-2025] [--seed N] [--scale N]',
  options: { out: 'string', years: 'string', seed: 'string', scale: 'string' },
  run: async ({ handlers, io, json, args }) => {
    const out = required(args, 'out');
    const years = opt(args, 'years');
    const seed = optNumber(args, 'seed');
    const scale = optNumber(args, 'scale');
    const started = Date.now();
    const r = await handlers()['sample.generate'](
      { out, ...(years ? { years } : {}), ...(seed !== undefined ? { seed } : {}), ...(scale !== undefined ? { scale } : {}) },
      {},
    );
    if (!r.ok) return reportFailure(io, r, json);
    const seconds = (Date.now() - started) / 1000;
    if (json) printJson(io, { ...r.value, seconds });
    else {
      io.out(
        `已生成示例报表 ${r.value.files.length} 个（机构 ${r.value.institutions} 家 × ${r.value.quarters} 个季度，含重报），用时 ${seconds.toFixed(1)} 秒：${resolve(out)}\n清单：${join(resolve(out), 'manifest.json')}`,
      );
    }
    return 0;
  },
};
