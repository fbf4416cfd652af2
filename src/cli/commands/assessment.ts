/** score · scheme · qualitative: the annual assessment (考核评估) from the command line. */
import type { CommandDef } from '../command';
import { CliUsageError, flag, opt, optNumber, required } from '../args';
import { printJson, reportFailure, table } from '../io';
import { GRADES, type Grade } from '../../domain/assessment/types';
import { schemeSourceLabel } from '../../domain/assessment/describe';
import type { SaveSchemeArgs } from '../../api/assessment-types';
import { errorOf, type Result } from '../../domain/result';
import type { HandlerTable } from '../../api/contract';
import { examplesNote, gradeText, provisionalNote } from '../../domain/assessment/describe';

function yearArg(v: string): number {
  const y = Number(v);
  if (!Number.isInteger(y) || y < 2000 || y > 2100) throw new CliUsageError(`--year 应为四位年份，收到「${v}」。`);
  return y;
}

/** `agri_share=5,agri_growth=10` → { agri_share: 5, agri_growth: 10 } (the figure as typed: a % sign is kept for the caller). */
function parsePairs(text: string, option: string, what: string, percent = false): [string, number][] {
  const out: [string, number][] = [];
  const figure = percent ? '(\\d+(?:\\.\\d+)?)%?' : '(\\d+(?:\\.\\d+)?)';
  for (const part of text.split(/[,，]/u).map((s) => s.trim()).filter(Boolean)) {
    const m = new RegExp(`^([^=\\s]+)=${figure}$`, 'u').exec(part);
    if (!m) throw new CliUsageError(`--${option} 的格式应为 ${what}=数值,${what}=数值，收到「${part}」。`);
    out.push([m[1] ?? '', Number(m[2])]);
  }
  return out;
}

function parseWeights(text: string, option = 'what-if'): Record<string, number> {
  return Object.fromEntries(parsePairs(text, option, '评分项'));
}

function gradeOf(name: string, option: string): Grade {
  const g = GRADES.find((x) => x === name);
  if (!g) throw new CliUsageError(`--${option} 的等次应为 ${GRADES.join('、')}，收到「${name}」。`);
  return g;
}

const pts = (x: number): string => x.toFixed(2);

/** A year without reports: every bank would print 0.00 / 勉励, so nothing is ranked or graded (as the page and the export say). */
async function noReports(h: HandlerTable, region: string, year: number): Promise<Result<never>> {
  const regions = await h['registry.regions']({}, {});
  const name = (regions.ok ? regions.value.find((x) => x.code === region)?.name : undefined) ?? region;
  return errorOf('E_NO_REPORTS_YEAR', { region: name, year, what: '考核评估结果' });
}

export const scoreCommand: CommandDef = {
  name: 'score',
  summary: '按考核方案计算某地区某年度各机构得分、组内排名与等级（记录所用方案版本）；--what-if 临时调整分值并排对比较，不保存',
  usage: 'score --region ankang|bishan --year 2025 [--scheme ID[@版本]] [--what-if 评分项=分值,...] [--detail] [--json] [--out FILE.xlsx]',
  options: { region: 'string', year: 'string', scheme: 'string', 'what-if': 'string', detail: 'boolean', out: 'string' },
  run: async ({ handlers, io, json, args }) => {
    const region = required(args, 'region');
    const year = yearArg(required(args, 'year'));
    const scheme = opt(args, 'scheme');
    const whatIf = opt(args, 'what-if');
    const h = handlers();
    if (whatIf) {
      const r = await h['assessment.whatIf']({ region, year, weights: parseWeights(whatIf), ...(scheme ? { scheme } : {}) }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (r.value.base.reports === 0) return reportFailure(io, await noReports(h, r.value.base.region, year), json);
      if (json) printJson(io, r.value);
      else {
        io.out(`假设分值：${Object.entries(r.value.weights).map(([k, v]) => `${k}=${v}`).join('，')}（仅试算，未保存）`);
        io.out(
          table(
            ['机构', '分组', '原总分', '试算总分', '原排名', '试算排名', '原等级', '试算等级'],
            r.value.changes.map((c) => [c.institutionName, c.group, pts(c.baseTotal), pts(c.newTotal), c.baseRank, c.newRank, c.baseGrade, c.newGrade]),
          ),
        );
      }
      return 0;
    }
    const out = opt(args, 'out');
    const r = out
      ? await h['assessment.exportScores']({ region, year, out, ...(scheme ? { scheme } : {}) }, {})
      : await h['assessment.score']({ region, year, ...(scheme ? { scheme } : {}) }, {});
    if (!r.ok) return reportFailure(io, r, json);
    const result = 'result' in r.value ? r.value.result : r.value;
    if (result.reports === 0) return reportFailure(io, await noReports(h, result.region, year), json);
    const provisional = provisionalNote(result);
    if (json) printJson(io, result);
    else {
      io.out(`${result.schemeName}（第 ${result.schemeVersion} 版），${year}年`);
      if (provisional) io.out(provisional);
      const examples = examplesNote(result);
      if (examples) io.out(examples);
      io.out(
        table(
          ['分组', '排名', '机构', '定量', '定性', '加分', '扣分', '总分', '等级'],
          result.results.map((x) => [x.groupLabel, x.rank, x.institutionName, pts(x.quantitative), pts(x.qualitative), pts(x.bonus), pts(x.penalty), pts(x.total), gradeText(x.grade, result)]),
        ),
      );
      if (flag(args, 'detail')) {
        for (const x of result.results) {
          io.out(`\n${x.institutionName}（${x.groupLabel}，总分 ${pts(x.total)}，${gradeText(x.grade, result)}）`);
          io.out(table(['评分项', '得分', '分值', '说明'], x.indicators.map((i) => [i.label, pts(i.score), pts(i.max), i.explanation])));
        }
      }
    }
    if ('path' in r.value && !json) io.out(`已导出：${r.value.path}`);
    return 0;
  },
};

export const schemeCommand: CommandDef = {
  name: 'scheme',
  summary: '列出、导出或导入考核方案，或修改最新版本的分值、上限与等次划分（--edit，须写 --note 修改说明）；导入或修改都成为该方案的新版本，旧版本保留',
  usage:
    'scheme [--region R] [--json] | scheme --export FILE.json [--region R | --id ID] [--version V] | scheme --import FILE.json | scheme --edit ID [--set 评分项=分值,...] [--bonus-cap 分] [--penalty-cap 分] [--cutoffs 优秀=90,良好=80,...] [--shares 优秀=20%,...] --note 修改说明',
  options: {
    region: 'string', export: 'string', import: 'string', id: 'string', version: 'string',
    edit: 'string', set: 'string', 'bonus-cap': 'string', 'penalty-cap': 'string', cutoffs: 'string', shares: 'string', note: 'string',
  },
  run: async ({ handlers, io, json, args }) => {
    const h = handlers();
    const editId = opt(args, 'edit');
    if (editId) {
      const note = required(args, 'note');
      const set = opt(args, 'set');
      const cutoffs = opt(args, 'cutoffs');
      const shares = opt(args, 'shares');
      const bonusCap = optNumber(args, 'bonus-cap');
      const penaltyCap = optNumber(args, 'penalty-cap');
      const edit: Omit<SaveSchemeArgs, 'baseVersion'> = {
        id: editId,
        note,
        ...(set ? { points: parseWeights(set, 'set') } : {}),
        ...(bonusCap !== undefined || penaltyCap !== undefined ? { caps: { ...(bonusCap !== undefined ? { bonus: bonusCap } : {}), ...(penaltyCap !== undefined ? { penalty: penaltyCap } : {}) } } : {}),
        ...(cutoffs ? { cutoffs: parsePairs(cutoffs, 'cutoffs', '等次').map(([g, min]) => ({ grade: gradeOf(g, 'cutoffs'), min })) } : {}),
        ...(shares ? { shares: parsePairs(shares, 'shares', '等次', true).map(([g, pct]) => ({ grade: gradeOf(g, 'shares'), share: pct / 100 })) } : {}),
      };
      // The same service as the grid's 保存为新版本, over the newest version as it is now.
      const current = await h['assessment.scheme']({ id: editId }, {});
      if (!current.ok) return reportFailure(io, current, json);
      const r = await h['assessment.saveScheme']({ ...edit, baseVersion: current.value.version }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else {
        io.out(`已将方案「${r.value.name}」第 ${r.value.baseVersion} 版的修改保存为第 ${r.value.version} 版（旧版本保留，已记入审计日志）：`);
        io.out(table(['项目', '修改前', '修改后'], r.value.changes.map((c) => [c.item, c.before, c.after])));
        for (const p of r.value.pinnedYears) io.out(`${p.year}年的考核结果保存时用的是第 ${p.version} 版，仍按该版计分；如需改用第 ${r.value.version} 版：score --region ${r.value.region} --year ${p.year} --scheme ${r.value.id}@${r.value.version}`);
      }
      return 0;
    }
    const exportTo = opt(args, 'export');
    const importFrom = opt(args, 'import');
    const region = opt(args, 'region');
    if (exportTo) {
      const id = opt(args, 'id');
      const version = optNumber(args, 'version');
      const r = await h['assessment.exportScheme']({ out: exportTo, ...(id ? { id } : {}), ...(region ? { region } : {}), ...(version !== undefined ? { version } : {}) }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已导出方案 ${r.value.id}（第 ${r.value.version} 版）：${r.value.path}`);
      return 0;
    }
    if (importFrom) {
      const r = await h['assessment.importScheme']({ path: importFrom }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已导入方案「${r.value.name}」（${r.value.id}，第 ${r.value.version} 版）。`);
      return 0;
    }
    const r = await h['assessment.schemes']({ ...(region ? { region } : {}) }, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else
      io.out(
        table(
          ['方案', '名称', '地区', '最新版本', '全部版本', '来源', '修改说明'],
          r.value.map((s) => [s.id, s.name, s.region, s.version, s.versions.join('、'), schemeSourceLabel(s.source), s.history[s.history.length - 1]?.note ?? '']),
        ),
      );
    return 0;
  },
};

export const qualitativeCommand: CommandDef = {
  name: 'qualitative',
  summary: '录入（--set）或列出定性评分；导出定性评分表（--grid-out，机构 × 评分项）供评审组填写，导入填好的评分表（--grid-import，先 --dry-run 预览）；每次录入须写理由，并记入审计日志',
  usage:
    'qualitative --set --institution CODE --year 2025 --item ID --score S --reason 理由 | qualitative --region R --year 2025 [--json] | qualitative --region R --year 2025 --grid-out FILE.xlsx [--blank] | qualitative --region R --year 2025 --grid-import FILE.xlsx [--dry-run]',
  options: { set: 'boolean', institution: 'string', year: 'string', item: 'string', score: 'string', reason: 'string', region: 'string', 'grid-out': 'string', blank: 'boolean', 'grid-import': 'string', 'dry-run': 'boolean' },
  run: async ({ handlers, io, json, args }) => {
    const h = handlers();
    const year = yearArg(required(args, 'year'));
    const gridOut = opt(args, 'grid-out');
    if (gridOut) {
      const r = await h['assessment.exportQualitativeGrid']({ region: required(args, 'region'), year, out: gridOut, ...(flag(args, 'blank') ? { blank: true } : {}) }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已导出定性评分表（${r.value.institutions} 家机构 × ${r.value.items} 个评分项）：${r.value.path}`);
      return 0;
    }
    const gridIn = opt(args, 'grid-import');
    if (gridIn) {
      const dryRun = flag(args, 'dry-run');
      const r = await h['assessment.importQualitativeGrid']({ region: required(args, 'region'), year, path: gridIn, ...(dryRun ? { dryRun: true } : {}) }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else {
        const v = r.value;
        io.out(table(['单元格', '机构', '评分项', '原得分', '新得分', '理由'], v.changes.map((c) => [`${c.sheet}!${c.cell}`, c.institutionName, c.itemLabel, c.before ? pts(c.before.score) : '未评', pts(c.score), c.reason])));
        io.out(dryRun ? `预览：将保存 ${v.changes.length} 项评分，${v.unchanged} 项与现有评分相同（未保存；去掉 --dry-run 后导入）。` : `已保存 ${v.saved} 项评分，${v.unchanged} 项与现有评分相同。`);
      }
      return 0;
    }
    if (flag(args, 'set')) {
      const score = optNumber(args, 'score');
      if (score === undefined) throw new CliUsageError('缺少参数 --score。');
      const r = await h['assessment.setQualitative']({ institution: required(args, 'institution'), year, item: required(args, 'item'), score, reason: required(args, 'reason') }, {});
      if (!r.ok) return reportFailure(io, r, json);
      if (json) printJson(io, r.value);
      else io.out(`已录入：${r.value.institution} ${r.value.year}年「${r.value.item}」${r.value.score} 分（理由：${r.value.reason}）。`);
      return 0;
    }
    const r = await h['assessment.qualitative']({ region: required(args, 'region'), year }, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else io.out(table(['机构', '年度', '评分项', '得分', '理由', '录入人', '录入时间'], r.value.map((e) => [e.institution, e.year, e.item, e.score, e.reason, e.enteredBy, e.enteredAt])));
    return 0;
  },
};
