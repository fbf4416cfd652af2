/** Handlers of the analyst's desk: the banks' texts, 退回通知 and 催报通知. */
import type { DeskTextsApi } from '../../api/desk-contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { listTexts } from '../texts/list';
import { makeNotice, returnCandidates } from '../returns/notices';
import { returnNoticeDocument, writeNoticeDocx, writeNoticeXlsx } from '../returns/export';
import { chaseNotice } from '../returns/chase';
import { regionOrFail } from './registry';
import { exportAudit, listAuditRows } from '../audit/list';
import { resolve } from 'node:path';

function formatOf(out: string, format: 'docx' | 'xlsx' | undefined): 'docx' | 'xlsx' {
  return format ?? (/\.xlsx$/i.test(out) ? 'xlsx' : 'docx');
}

export function deskHandlers(ctx: ServiceContext): ImplTable<keyof DeskTextsApi> {
  return {
    'texts.list': (args) => listTexts(ctx.db, args),
    'audit.list': (args) => listAuditRows(ctx.db, args),
    'audit.export': ({ out, ...q }) => exportAudit(ctx.db, q, resolve(out)),
    'returns.list': (args) => returnCandidates(ctx.db, args),
    'returns.notice': async (a) => {
      const notice = makeNotice(ctx.db, { source: a.source, ...(a.workingDays !== undefined ? { workingDays: a.workingDays } : {}), ...(a.deadline !== undefined ? { deadline: a.deadline } : {}) });
      const doc = returnNoticeDocument(notice);
      const path =
        formatOf(a.out, a.format) === 'xlsx'
          ? await writeNoticeXlsx(doc, '退回通知', `报送机构：${notice.institutionName}　报告期：${notice.quarterLabel}`, a.out)
          : await writeNoticeDocx(doc, a.out);
      return { path, notice };
    },
    'status.chaseNotice': async (a) => {
      const region = regionOrFail(ctx, a.region);
      const c = chaseNotice(ctx.db, region, a.quarter, a.workingDays);
      const path = formatOf(a.out, a.format) === 'xlsx' ? await writeNoticeXlsx(c.document, '催报通知', `地区：${c.regionName}　报告期：${c.quarterLabel}`, a.out) : await writeNoticeDocx(c.document, a.out);
      return { path, items: c.items.length };
    },
  };
}
