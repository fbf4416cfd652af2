/** The 任务台账 as an office table (.xlsx) and as a Word table (.docx), as a 督办 list prints. */
import type { LedgerListing, LedgerRow } from '../../api/ledger-types';
import { writeOfficeWorkbook, type OfficeSheet } from '../exports/office-table';
import { writeReportDocx } from '../charts/docx';
import { today } from '../../domain/clock';
import { figuresAsOf } from './list';

function progressText(r: LedgerRow): string {
  const towns = r.towns.filter((t) => t.status !== '未启动' || t.notes);
  const own = r.entry.notes;
  const perTown = towns.length ? `各镇街：${towns.map((t) => `${t.unitName}${t.status}${t.notes ? `（${t.notes}）` : ''}`).join('；')}` : r.perTown ? '各镇街：尚未记录' : '';
  return [own, perTown].filter(Boolean).join('\n');
}

export function ledgerSheet(l: LedgerListing, filters: string): OfficeSheet {
  const hasResponsible = l.rows.some((r) => r.responsible.length > 0);
  return {
    name: '任务台账',
    title: `${l.regionName}金融支持乡村振兴任务台账（${l.year}年）`,
    period: `${l.source}${filters ? `　筛选：${filters}` : ''}`,
    unit: figuresAsOf(l),
    landscape: true,
    columns: [
      { key: 'label', header: '编号', width: 7, align: 'center' },
      { key: 'title', header: '任务措施', width: 26 },
      ...(hasResponsible ? [{ key: 'responsible', header: '责任单位', width: 24 }] : []),
      { key: 'status', header: '进展状态', width: 9, align: 'center' as const },
      { key: 'progress', header: '进展情况及佐证说明', width: 34 },
      { key: 'evidence', header: '数据佐证', width: 40 },
      { key: 'attachments', header: '佐证附件', width: 20 },
    ],
    rows: l.rows.map((r) => ({
      label: r.label,
      title: r.title,
      responsible: r.responsible.join('、'),
      status: r.entry.status,
      progress: progressText(r),
      evidence: r.evidence.map((e) => `${e.label}：${e.display}`).join('\n'),
      attachments: [...r.entry.attachments, ...r.towns.flatMap((t) => t.attachments)].map((a) => a.name).join('、'),
      _highlight: r.entry.status === '未启动',
    })),
    notes: [
      `说明：共 ${l.rows.length} 项措施；${Object.entries(l.counts).map(([s, n]) => `${s} ${n} 项`).join('、')}（全部措施计）。措施原文见《${l.source}》；数据佐证按各金融机构报表实时计算（${figuresAsOf(l)}），未启动的措施底色标示。`,
    ],
    source: `${l.source}；各金融机构季度报送；分析人员记录的进展与附件`,
  };
}

export async function exportLedger(path: string, l: LedgerListing, opts: { filters: string; format: 'xlsx' | 'docx'; issuer: string }): Promise<string> {
  const { filters, format } = opts;
  const sheet = ledgerSheet(l, filters);
  if (format === 'xlsx') return writeOfficeWorkbook(path, [sheet], { title: sheet.title });
  const d = today();
  await writeReportDocx(
    {
      title: `${l.regionName}金融支持乡村振兴任务台账`,
      subtitle: `（${l.year}年）`,
      blocks: [
        { kind: 'paragraph', text: `本台账列出《${l.source}》的 ${l.rows.length} 项任务措施${filters ? `（${filters}）` : ''}及其进展；数据佐证按各金融机构报送的报表计算，${figuresAsOf(l)}。` },
        { kind: 'table', caption: `表1　${sheet.title}`, table: sheet },
      ],
      issuers: [opts.issuer],
      date: `${d.y}年${d.m}月${d.d}日`,
      landscape: sheet.landscape === true,
    },
    path,
  );
  return path;
}
