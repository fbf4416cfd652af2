import { describe, expect, it } from 'vitest';
import { chartTable } from '../../src/domain/present/chartTable';

describe('the data table under a chart', () => {
  it('reads categories and series from a bar option, values as their labels print', () => {
    const t = chartTable({
      xAxis: { type: 'category', name: '季度', data: ['2025年\n三季度', '2025年\n四季度'] },
      yAxis: [{ type: 'value', name: '金额（万元）' }, { type: 'value', name: '增速（%）' }],
      series: [
        { type: 'bar', name: '贷款余额', data: [{ value: 1234.5, label: { formatter: '1,234.50' } }, 2000] },
        { type: 'line', name: '增速', yAxisIndex: 1, data: [3.2, null] },
      ],
    });
    expect(t?.header).toEqual(['季度', '贷款余额（万元）', '增速（%）']);
    expect(t?.rows.map((r) => r.texts)).toEqual([
      ['2025年三季度', '1,234.50', '3.20'],
      ['2025年四季度', '2,000.00', '无数据'],
    ]);
    expect(t?.rows[0]?.cells).toEqual(['2025年三季度', 1234.5, 3.2]);
  });
  it('reads a horizontal bar chart (categories on the y axis)', () => {
    const t = chartTable({ xAxis: { type: 'value', name: '金额（亿元）' }, yAxis: { type: 'category', data: ['安康农行', '汉滨农商行'] }, series: [{ name: '余额', data: [5, 7] }] });
    expect(t?.header).toEqual(['项目', '余额（亿元）']);
    expect(t?.rows.map((r) => r.cells)).toEqual([['安康农行', 5], ['汉滨农商行', 7]]);
  });
  it('reads a pie and refuses what is not an option', () => {
    expect(chartTable({ series: [{ type: 'pie', name: '机构数', data: [{ name: '优秀', value: 3 }] }] })?.rows[0]?.cells).toEqual(['优秀', 3]);
    expect(chartTable(null)).toBeNull();
    expect(chartTable({ series: [] })).toBeNull();
  });
});
