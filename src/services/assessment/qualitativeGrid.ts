/**
 * 定性评分表: the 评审组's grid — banks down, the scheme's qualitative items across, a score and
 * a reason per cell. The analyst downloads it (blank, or with the scores entered so far), the
 * 评审组 fills it in Excel/WPS, and it comes back through a preview: every change is shown
 * before anything is stored, and one bad cell refuses the whole sheet, named by sheet and cell.
 * Stored through setQualitative, so every score is range-checked and audited as one entered
 * by hand.
 */
import { basename } from 'node:path';
import type { DB } from '../db/database';
import type { QualitativeGrid, QualitativeGridChange, QualitativeGridImport } from '../../api/assessment-types';
import { failure, type Location } from '../../domain/result';
import { formatFixed } from '../../domain/present/number';
import { writeOfficeWorkbook, type OfficeColumn, type OfficeSheet } from '../exports/office-table';
import { cellName, readAnalystWorkbook, sheetGrid } from '../sheets/analystSheet';
import { listQualitative, setQualitative } from './qualitative';
import { schemeForYear } from './pin';
import { scoredInstitutions } from './score';

/** The institutions a region-year scores, in the order the scheme's groups list them, and its qualitative items. */
export function qualitativeGrid(db: DB, region: string, year: number): QualitativeGrid {
  const { scheme, version } = schemeForYear(db, region, year, null);
  const items = scheme.items.filter((i) => i.rule.type === 'qualitative').map((i) => ({ id: i.id, label: i.label, max: i.max }));
  const institutions = scoredInstitutions(db, region, year).map((i) => ({ code: i.code, name: i.name }));
  return { region, year, schemeId: scheme.id, schemeVersion: version, schemeName: scheme.name, items, institutions, entries: listQualitative(db, region, year) };
}

const scoreHeader = (label: string, max: number): string => `${label}得分（满分${formatFixed(max, max % 1 === 0 ? 0 : 2)}）`;
const reasonHeader = (label: string): string => `${label}理由`;

/** The grid as the 评审组 fills it: one row per bank, two columns (得分, 理由) per item. */
export async function exportQualitativeGrid(db: DB, path: string, region: string, regionName: string, year: number, blank: boolean): Promise<{ path: string; institutions: number; items: number }> {
  const g = qualitativeGrid(db, region, year);
  const columns: OfficeColumn[] = [
    { key: 'code', header: '机构代码', width: 12 },
    { key: 'name', header: '机构名称', width: 28 },
    ...g.items.flatMap((i): OfficeColumn[] => [
      { key: `${i.id}:score`, header: scoreHeader(i.label, i.max), width: 12, format: 'points' },
      { key: `${i.id}:reason`, header: reasonHeader(i.label), width: 30 },
    ]),
  ];
  const rows = g.institutions.map((inst) => {
    const row: Record<string, string | number> = { code: inst.code, name: inst.name };
    for (const i of g.items) {
      const e = blank ? undefined : g.entries.find((x) => x.institution === inst.code && x.item === i.id);
      // An unscored cell stays empty to be filled (a number column would print 无数据).
      row[`${i.id}:score`] = e ? e.score : '';
      row[`${i.id}:reason`] = e ? e.reason : '';
    }
    return row;
  });
  const sheet: OfficeSheet = {
    name: '定性评分表',
    title: `${regionName}${year}年度金融机构服务乡村振兴考核评估定性评分表`,
    period: `考核年度：${year}年`,
    unit: '单位：分',
    landscape: true,
    columns,
    rows,
    notes: [
      `说明：按考核方案「${g.schemeName}」第 ${g.schemeVersion} 版的定性评分项逐项评分，得分不超过该项满分；每个得分须在右侧填写评分理由。`,
      '请勿修改机构代码和表头；不评的项目留空。填好后在「考核评估 → 定性评分表」中导入，导入前会逐项显示将要保存的改动。',
    ],
    source: `考核方案「${g.schemeName}」第 ${g.schemeVersion} 版`,
  };
  await writeOfficeWorkbook(path, [sheet], { title: `${regionName}${year}年定性评分表` });
  return { path, institutions: g.institutions.length, items: g.items.length };
}

const norm = (v: unknown): string => (v === null || v === undefined ? '' : String(v).normalize('NFKC').replace(/\s+/gu, ''));

/** A score as a person reads it: 18 or 18.5 (no thousands separators, units or signs). */
function scoreOf(v: unknown): number | null | 'bad' {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : 'bad';
  const t = String(v).normalize('NFKC').trim().replace(/分$/u, '');
  if (t === '') return null;
  return /^\d+(\.\d+)?$/u.test(t) ? Number(t) : 'bad';
}

/** Reads a filled grid; dryRun: only the preview. All or nothing: any bad cell refuses the sheet. */
export function importQualitativeGrid(db: DB, path: string, region: string, year: number, dryRun: boolean): QualitativeGridImport {
  const file = basename(path);
  const wb = readAnalystWorkbook(path, '定性评分表');
  const g = qualitativeGrid(db, region, year);
  const byScore = new Map(g.items.map((i) => [norm(scoreHeader(i.label, i.max)), i]));
  const byReason = new Map(g.items.map((i) => [norm(reasonHeader(i.label)), i]));
  for (const sheetName of wb.SheetNames) {
    const ws = wb.Sheets[sheetName];
    if (!ws) continue;
    const grid = sheetGrid(ws);
    const headerAt = grid.findIndex((row, r) => r < 15 && row.some((c) => norm(c) === '机构代码'));
    if (headerAt < 0) continue;
    const header = (grid[headerAt] ?? []).map(norm);
    const codeCol = header.indexOf('机构代码');
    const nameCol = header.indexOf('机构名称');
    const cols = g.items.map((i) => ({ item: i, score: header.findIndex((h) => byScore.get(h) === i), reason: header.findIndex((h) => byReason.get(h) === i) }));
    const where = (r: number, c: number): Location => ({ file, sheet: sheetName, cell: cellName(r, c) });
    const problems: { message: string; where: Location }[] = [];
    const missing = cols.filter((c) => c.score < 0 || c.reason < 0).map((c) => c.item.label);
    if (missing.length) throw failure('E_QUAL_GRID_HEADER', { file, sheet: sheetName, items: missing.join('、'), scheme: g.schemeName, version: g.schemeVersion }, { file, sheet: sheetName });
    const known = new Map(g.institutions.map((i) => [i.code, i]));
    const seen = new Map<string, number>();
    const changes: QualitativeGridChange[] = [];
    let unchanged = 0;
    for (let r = headerAt + 1; r < grid.length; r++) {
      const row = grid[r] ?? [];
      const code = norm(row[codeCol]);
      const anyValue = cols.some((c) => norm(row[c.score]) !== '' || norm(row[c.reason]) !== '');
      if (!code) {
        if (anyValue) problems.push({ message: `第 ${r + 1} 行填了评分但没有机构代码`, where: where(r, codeCol) });
        continue;
      }
      if (/^(说明|制表|数据来源)/u.test(code)) break;
      const inst = known.get(code);
      if (!inst) {
        problems.push({ message: `机构代码「${code}」不是本地区参加考核的机构`, where: where(r, codeCol) });
        continue;
      }
      const first = seen.get(code);
      if (first !== undefined) {
        problems.push({ message: `机构「${inst.name}」在第 ${first + 1} 行和第 ${r + 1} 行各有一行，无法确定以哪一行为准`, where: where(r, codeCol) });
        continue;
      }
      seen.set(code, r);
      if (nameCol >= 0 && norm(row[nameCol]) && norm(row[nameCol]) !== norm(inst.name)) {
        problems.push({ message: `机构代码「${code}」是「${inst.name}」，但本行机构名称为「${String(row[nameCol]).trim()}」，请核对是否错行`, where: where(r, nameCol) });
        continue;
      }
      for (const c of cols) {
        const score = scoreOf(row[c.score]);
        const reason = row[c.reason] === null || row[c.reason] === undefined ? '' : String(row[c.reason]).trim();
        if (score === null) {
          if (reason) problems.push({ message: `「${c.item.label}」写了理由但没有得分`, where: where(r, c.score) });
          continue;
        }
        if (score === 'bad') {
          problems.push({ message: `「${c.item.label}」的得分「${String(row[c.score]).trim()}」不是数字`, where: where(r, c.score) });
          continue;
        }
        if (score < 0 || score > c.item.max) {
          problems.push({ message: `「${c.item.label}」的得分 ${score} 超出 0 到 ${c.item.max} 分`, where: where(r, c.score) });
          continue;
        }
        if (!reason) {
          problems.push({ message: `「${c.item.label}」的得分须写明理由`, where: where(r, c.reason) });
          continue;
        }
        const before = g.entries.find((e) => e.institution === code && e.item === c.item.id) ?? null;
        if (before && before.score === score && before.reason === reason) {
          unchanged++;
          continue;
        }
        changes.push({
          institution: code,
          institutionName: inst.name,
          item: c.item.id,
          itemLabel: c.item.label,
          max: c.item.max,
          before: before ? { score: before.score, reason: before.reason } : null,
          score,
          reason,
          sheet: sheetName,
          cell: cellName(r, c.score),
        });
      }
    }
    if (problems.length) {
      const shown = problems.slice(0, 10).map((p) => `${p.where.cell}：${p.message}`).join('；');
      throw failure('E_QUAL_GRID_CELLS', { file, sheet: sheetName, count: problems.length, problems: `${shown}${problems.length > 10 ? '……' : ''}` }, problems[0]?.where);
    }
    if (!dryRun) {
      db.transaction(() => {
        for (const c of changes) setQualitative(db, { institution: c.institution, year, item: c.item, score: c.score, reason: c.reason });
      })();
    }
    return { file, sheet: sheetName, dryRun, schemeName: g.schemeName, schemeVersion: g.schemeVersion, changes, unchanged, saved: dryRun ? 0 : changes.length };
  }
  throw failure('E_QUAL_GRID_HEADER', { file, sheet: wb.SheetNames.join('、'), items: '机构代码', scheme: g.schemeName, version: g.schemeVersion }, { file });
}
