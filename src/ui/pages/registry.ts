/** The pages the sidebar offers, in the order an analyst moves through a quarter. */
import { defineAsyncComponent, type Component } from 'vue';

export interface PageDef {
  id: string;
  title: string;
  /** One glyph drawn in the sidebar (no icon font: nothing remote, nothing extra). */
  glyph: string;
  component: Component;
}

export const PAGES = [
  { id: 'home', title: '首页', glyph: '首', component: defineAsyncComponent(() => import('./HomePage.vue')) },
  { id: 'import', title: '数据导入', glyph: '导', component: defineAsyncComponent(() => import('./ImportPage.vue')) },
  { id: 'history', title: '历史数据导入', glyph: '史', component: defineAsyncComponent(() => import('./HistoryPage.vue')) },
  { id: 'status', title: '报送情况', glyph: '报', component: defineAsyncComponent(() => import('./StatusPage.vue')) },
  { id: 'report', title: '报表查看', glyph: '表', component: defineAsyncComponent(() => import('./ReportPage.vue')) },
  { id: 'texts', title: '文字材料', glyph: '文', component: defineAsyncComponent(() => import('./TextsPage.vue')) },
  { id: 'chains', title: '产业链', glyph: '链', component: defineAsyncComponent(() => import('./ChainsPage.vue')) },
  { id: 'assessment', title: '考核评估', glyph: '考', component: defineAsyncComponent(() => import('./AssessmentPage.vue')) },
  { id: 'progress', title: '金融兴产强县', glyph: '县', component: defineAsyncComponent(() => import('./ProgressPage.vue')) },
  { id: 'targets', title: '目标跟踪', glyph: '标', component: defineAsyncComponent(() => import('./TargetsPage.vue')) },
  { id: 'ledger', title: '任务台账', glyph: '账', component: defineAsyncComponent(() => import('./LedgerPage.vue')) },
  { id: 'audit', title: '审计日志', glyph: '审', component: defineAsyncComponent(() => import('./AuditPage.vue')) },
  { id: 'settings', title: '机构与设置', glyph: '设', component: defineAsyncComponent(() => import('./SettingsPage.vue')) },
] as const satisfies readonly PageDef[];

export type PageId = (typeof PAGES)[number]['id'];
