/** 「复制」 on the 数据来源 panel: the panel as a table, in tab-separated text and in HTML, for Word, WPS and Excel. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../src/services/db/database';
import { explainIndicator } from '../../src/services/explain';
import { explanationTable, INPUT_HEADER } from '../../src/ui/components/provenanceCopy';
import { insertReport, memoryDb } from '../helpers/reports';

let db: DB;
beforeEach(() => {
  db = memoryDb();
  insertReport(db, { institution: 'AK-ABC', quarter: '2024Q4', values: { agri_loans_bal: 50000 } });
  insertReport(db, { institution: 'AK-ABC', quarter: '2025Q3', values: { agri_loans_bal: 60000.5 } });
  insertReport(db, { institution: 'AK-CCB', quarter: '2025Q3', values: { agri_loans_bal: 40000 } });
});
afterEach(() => db.close());

describe('copying the panel', () => {
  it('gives one line per fact, then the inputs under their header, the same rows in text and HTML', () => {
    const e = explainIndicator(db, { region: 'ankang', quarter: '2025Q3', indicator: 'agri_loans_growth' });
    const { tsv, html } = explanationTable(e);
    const lines = tsv.split('\r\n');
    expect(lines[0]).toBe(`数字\t${e.title}`);
    expect(lines[1]).toBe('数值\t20.00%');
    expect(lines).toContain(`公式\t${e.formula}`);
    // Left out: the bank without last year-end's report, and those that sent nothing.
    expect(lines.find((l) => l.startsWith('未计入\t'))).toContain('；中国建设银行安康分行（2024年第四季度未报送报表）；');
    const header = lines.indexOf(INPUT_HEADER.join('\t'));
    expect(header).toBeGreaterThan(0);
    const rows = lines.slice(header + 1).map((l) => l.split('\t'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(['中国农业银行安康分行', '2025Q3', '本期', '涉农贷款余额', '60,000.50 万元', 'AK-ABC-2025Q3.xlsx', 'lending!A1', '第1版', e.inputs[0]?.receivedDate, String(e.inputs[0]?.submissionId)]);
    expect(rows[1]?.[2]).toBe('上年末');
    for (const l of lines) expect(l).not.toMatch(/\n/);
    // The HTML holds the same cells, escaped.
    expect(html).toContain('<td style="border:1px solid #999;padding:2px 6px;vertical-align:top">lending!A1</td>');
    expect((html.match(/<tr>/g) ?? []).length).toBe(lines.filter((l) => l !== '').length);
    expect(html).toContain('Σ「涉农贷款余额」［上年末］');
  });

  it('keeps a cell with a tab, a line break or markup in one cell', () => {
    const e = explainIndicator(db, { region: 'ankang', quarter: '2025Q3', indicator: 'agri_loans_bal' });
    const odd = { ...e, definition: '第一行\n第二行\t<b>粗</b> & 更多' };
    const { tsv, html } = explanationTable(odd);
    expect(tsv.split('\r\n')).toContain('定义\t第一行 第二行 <b>粗</b> & 更多');
    expect(html).toContain('第一行\n第二行\t&lt;b&gt;粗&lt;/b&gt; &amp; 更多');
    expect(html).not.toContain('<b>粗</b>');
  });
});
