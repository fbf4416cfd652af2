/**
 * The audit log's actions in words, by category, as the 审计日志 page and its export show them.
 * An action not listed here (a new one) still shows, under 其他, with its stored name.
 */
export const AUDIT_CATEGORIES = [
  { id: 'import', label: '导入' },
  { id: 'undo', label: '撤销与恢复' },
  { id: 'score', label: '考核评分' },
  { id: 'target', label: '目标与进度' },
  { id: 'ledger', label: '台账与覆盖' },
  { id: 'return', label: '退回重报' },
  { id: 'settings', label: '机构与设置' },
  { id: 'other', label: '其他' },
] as const;

export type AuditCategory = (typeof AUDIT_CATEGORIES)[number]['id'];

export const AUDIT_ACTIONS: Record<string, { category: AuditCategory; label: string }> = {
  'batch.create': { category: 'import', label: '导入批次' },
  'submission.import': { category: 'import', label: '导入报表' },
  'submission.hold': { category: 'import', label: '报表待确认' },
  'history.import': { category: 'import', label: '导入历史数据' },
  'batch.rollback': { category: 'undo', label: '撤销导入批次' },
  'submission.restore': { category: 'undo', label: '恢复报表版本' },
  'backup.restore': { category: 'undo', label: '从备份恢复数据库' },
  'qualitative.set': { category: 'score', label: '定性评分' },
  'scheme.store': { category: 'score', label: '保存考核方案' },
  'scheme.edit': { category: 'score', label: '修改考核方案（新版本）' },
  'assessment.pin': { category: 'score', label: '保存年度考核结果' },
  'target.add': { category: 'target', label: '新增目标' },
  'target.remove': { category: 'target', label: '删除目标' },
  'target.prior.set': { category: 'target', label: '录入目标往年数' },
  'target.prior.clear': { category: 'target', label: '清除目标往年数' },
  'county_target.set': { category: 'target', label: '设定县域目标' },
  'progress.settings': { category: 'target', label: '修改时序进度设置' },
  'ledger.set': { category: 'ledger', label: '更新任务台账' },
  'ledger.attach': { category: 'ledger', label: '添加台账附件' },
  'ledger.detach': { category: 'ledger', label: '移除台账附件' },
  'coverage.add': { category: 'ledger', label: '新增覆盖名单' },
  'coverage.remove': { category: 'ledger', label: '移除覆盖名单' },
  'coverage.fact': { category: 'ledger', label: '录入区域数据' },
  'submission.reject': { category: 'return', label: '拒收报表' },
  'return.notice': { category: 'return', label: '制作退回通知' },
  'registry.seed': { category: 'settings', label: '初始化机构名录' },
  'institution.create': { category: 'settings', label: '新增机构' },
  'institution.update': { category: 'settings', label: '修改机构' },
  'institution.make_real': { category: 'settings', label: '示例机构转为正式机构' },
  'registry.examples_marked': { category: 'settings', label: '标记示例机构' },
  'registry.unit.save': { category: 'settings', label: '修改县区资料' },
  'registry.units_corrected': { category: 'settings', label: '更正县区分类' },
  'catalogue.load': { category: 'settings', label: '载入报表模板' },
  'calendar.setDay': { category: 'settings', label: '设定节假日' },
  'lpr.add': { category: 'settings', label: '录入LPR报价' },
  'lpr.remove': { category: 'settings', label: '撤销LPR报价' },
  'calendar.clearDay': { category: 'settings', label: '清除节假日设定' },
  'deadline.recompute': { category: 'settings', label: '重算报送截止日' },
  'settings.localUser': { category: 'settings', label: '设置本机使用人' },
  'backup.keep': { category: 'settings', label: '设置备份保留份数' },
};

export function auditAction(action: string): { category: AuditCategory; label: string } {
  return AUDIT_ACTIONS[action] ?? { category: 'other', label: action };
}

export function auditCategoryLabel(id: string): string {
  return AUDIT_CATEGORIES.find((c) => c.id === id)?.label ?? id;
}

/** What the log's entities are called on screen. */
const ENTITIES: Record<string, string> = {
  assessment_scheme: '考核方案', assessment_year: '考核年度', batch: '导入批次', calendar: '工作日历', catalogue: '报表模板',
  county_target: '县域目标', coverage: '覆盖名单', database: '数据库', file: '文件', ledger_attachment: '台账附件',
  ledger_entry: '任务台账', lpr: 'LPR报价', meta: '系统设置', periods: '报告期', qualitative_score: '定性评分', region: '地区',
  region_fact: '区域数据', institution: '机构', region_unit: '县区', registry: '机构名录', return_notice: '退回通知', submission: '报送记录', target: '目标',
};

/** The detail's keys as words; a key not listed is shown as stored. */
const KEYS: Record<string, string> = {
  before: '修改前', after: '修改后', name: '名称', measure: '指标口径', year: '年度', source: '来源', reason: '理由', quarter: '报告期',
  institution: '机构', inst: '机构', from: '从', to: '至', version: '版本', unit: '单位', timeMethod: '时序进度算法', kind: '类别', value: '数值',
  score: '得分', region: '地区', id: '编号', deadline: '截止日', batchId: '批次', amount: '金额', why: '原因', submissions: '报送记录',
  status: '状态', schemeVersion: '方案版本', schemeId: '方案', safetyBackup: '安全备份', replaced: '被替换', reinstated: '恢复', regions: '地区',
  problems: '问题', period: '期间', number: '文号', notes: '备注', label: '名称', kept: '保留', indicator: '指标', fileName: '文件名', file: '文件',
  fields: '填报项', basedOn: '修改自版本', note: '修改说明', changes: '修改内容', item: '项目', date: '日期', current: '当前', errors: '错误', industry: '产业', industrySource: '产业来源', mapping: '对应关系', fact: '数据',
  code: '机构代码', example: '示例机构', marked: '标记', reports: '报表', type: '类型', county: '县区', size: '规模', legalPerson: '法人机构', aliases: '简称', active: '在用', sample: '示例数据机构', month: '月份', oneYear: '1年期LPR', fiveYear: '5年期以上LPR', enteredBy: '录入人',
};

export function auditTarget(entity: string, entityId: string | null): string {
  const what = ENTITIES[entity] ?? entity;
  return entityId ? `${what} ${entityId}` : what;
}

function words(v: unknown, depth: number): string {
  if (v === null || v === undefined) return '无';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  if (depth > 3) return '…';
  if (Array.isArray(v)) return v.length ? v.map((x) => words(x, depth + 1)).join('、') : '无';
  const parts = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${KEYS[k] ?? k}：${words(x, depth + 1)}`);
  return depth === 0 ? parts.join('；') : `（${parts.join('，')}）`;
}

/** A recorded detail (before/after, file, reason) as a sentence of labelled values. */
export function auditDetail(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail === 'object' && !Array.isArray(detail) && Object.keys(detail).length === 0) return '';
  return words(detail, 0);
}
