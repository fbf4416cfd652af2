/**
 * A 数据来源 panel as a table to paste into Word or Excel: the figure, its definition,
 * formula and comparable set as label/value rows, then every input as a row with
 * its file, sheet!cell, version and arrival date. The same rows give the plain-text
 * (tab-separated) and the HTML flavour of the clipboard.
 */
import type { Explanation } from '../../api/explain-types';
import { INPUT_HEADER, inputRow } from '../../domain/present/provenance';

export { INPUT_HEADER };

/** The label/value lines of the panel, in the order it shows them. */
export function summaryRows(e: Explanation): [string, string][] {
  const rows: [string, string][] = [
    ['数字', e.title],
    ['数值', e.display],
    ['定义', e.definition],
    ['公式', e.formula],
  ];
  if (e.comparable) rows.push(['可比口径', e.comparable]);
  for (const f of e.facts) rows.push([f.label, f.value]);
  for (const o of e.operands) rows.push([o.label, o.display]);
  if (e.excluded.length) rows.push(['未计入', e.excluded.map((x) => `${x.name}（${x.reason}）`).join('；')]);
  for (const c of e.components) rows.push([c.label, c.note ? `${c.display}；${c.note}` : c.display]);
  return rows;
}

function tsvCell(s: string): string {
  // A tab or line break inside a cell would break the table: they become spaces.
  return s.replace(/[\t\r\n]+/g, ' ');
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function explanationTable(e: Explanation): { tsv: string; html: string } {
  const summary = summaryRows(e);
  const inputs = e.inputs.map(inputRow);
  const tsv = [
    ...summary.map((r) => r.map(tsvCell).join('\t')),
    ...(inputs.length ? ['', INPUT_HEADER.join('\t'), ...inputs.map((r) => r.map(tsvCell).join('\t'))] : []),
  ].join('\r\n');
  const td = 'style="border:1px solid #999;padding:2px 6px;vertical-align:top"';
  const th = 'style="border:1px solid #999;padding:2px 6px;background:#eef2f6;font-weight:bold;text-align:left"';
  const table = (rows: string[][], head?: readonly string[]): string =>
    `<table style="border-collapse:collapse;font-family:'Microsoft YaHei','SimSun',sans-serif;font-size:10.5pt">${head ? `<tr>${head.map((h) => `<th ${th}>${html(h)}</th>`).join('')}</tr>` : ''}${rows
      .map((r) => `<tr>${r.map((c, i) => (head || i > 0 ? `<td ${td}>${html(c)}</td>` : `<th ${th}>${html(c)}</th>`)).join('')}</tr>`)
      .join('')}</table>`;
  const body = `<p style="font-weight:bold">数据来源：${html(e.title)}</p>${table(summary)}${inputs.length ? `<p>参与计算的报送数（${inputs.length} 项）</p>${table(inputs, INPUT_HEADER)}` : ''}`;
  return { tsv, html: `<html><head><meta charset="utf-8"></head><body>${body}</body></html>` };
}
