/** init · fields · institutions · integrity */
import { institutionDisplayName } from '../../domain/catalogue/exampleName';
import type { CommandDef } from '../command';
import { flag, opt } from '../args';
import { printJson, reportFailure, table } from '../io';

export const initCommand: CommandDef = {
  name: 'init',
  summary: '创建（或升级）数据库并写入机构、产业链、字段目录',
  usage: 'init [--db PATH] [--json]',
  options: {},
  run: async ({ handlers, io, json }) => {
    const r = await handlers()['app.info']({}, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else io.out(`数据库已就绪：${r.value.dbPath}（结构版本 ${r.value.schemaVersion}，模板版本 ${r.value.templateVersion}）`);
    return 0;
  },
};

export const fieldsCommand: CommandDef = {
  name: 'fields',
  summary: '列出报表模板的全部填报项（定义名称、字段、单位、类型、维度成员、约束）',
  usage: 'fields [--region ankang|bishan] [--template-version V] [--json]',
  options: { region: 'string', 'template-version': 'string' },
  readsOnly: () => true,
  run: async ({ handlers, io, json, args }) => {
    const region = opt(args, 'region');
    const version = opt(args, 'template-version');
    const r = await handlers()['catalogue.fields']({ ...(region ? { region } : {}), ...(version ? { templateVersion: version } : {}) }, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else io.out(table(['定义名称', '字段', '项目', '单位', '类型', '位置'], r.value.map((f) => [f.definedName, f.key, f.label, f.unit, f.type, `${f.sheet}!${f.cell}`])));
    return 0;
  },
};

export const rulesCommand: CommandDef = {
  name: 'rules',
  summary: '列出报表的审核公式（编号、级别、类别、审核内容、公式）',
  usage: 'rules [--template-version V] [--json]',
  options: { 'template-version': 'string' },
  run: async ({ handlers, io, json, args }) => {
    const version = opt(args, 'template-version');
    const r = await handlers()['catalogue.rules'](version ? { templateVersion: version } : {}, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else io.out(table(['模板版本', '编号', '级别', '类别', '审核内容', '公式'], r.value.map((x) => [x.templateVersion, x.id, x.level, x.kind, x.title, x.forEach ? `逐项（${x.forEach}）：${x.check}` : x.check])));
    return 0;
  },
};

export const institutionsCommand: CommandDef = {
  name: 'institutions',
  summary: '列出机构名录（代码、全称、简称、类型、地区、所在县）',
  usage: 'institutions [--region ankang|bishan] [--all] [--json]',
  options: { region: 'string', all: 'boolean' },
  readsOnly: () => true,
  run: async ({ handlers, io, json, args }) => {
    const region = opt(args, 'region');
    const r = await handlers()['registry.institutions']({ ...(region ? { region } : {}), ...(flag(args, 'all') ? { includeInactive: true } : {}) }, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else
      io.out(
        table(
          ['代码', '全称', '类型', '地区', '县', '简称'],
          r.value.map((i) => [i.code, institutionDisplayName(i), i.type, i.region, i.county, i.aliases.join('、')]),
        ),
      );
    return 0;
  },
};

export const integrityCommand: CommandDef = {
  name: 'integrity',
  summary: '检查数据库完整性（PRAGMA integrity_check 与外键检查）',
  usage: 'integrity [--db PATH] [--json]',
  options: {},
  readsOnly: () => true,
  run: async ({ handlers, io, json }) => {
    const r = await handlers()['db.integrity']({}, {});
    if (!r.ok) return reportFailure(io, r, json);
    if (json) printJson(io, r.value);
    else io.out(r.value.ok ? `数据库完整性检查通过：${r.value.path}` : `数据库完整性检查未通过：\n${r.value.messages.join('\n')}\n外键错误 ${r.value.foreignKeyViolations} 处`);
    return r.value.ok ? 0 : 2;
  },
};
