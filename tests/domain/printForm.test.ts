/** The print frame every page shares: the head line, the running head, the file name and the @page rules. */
import { describe, expect, it } from 'vitest';
import { chineseDate, pageStyle, printChartHeightMm, printableWidthMm, printFileParts, printForm, printHeadItems, runningHead } from '../../src/domain/present/printForm';

const today = { y: 2026, m: 3, d: 2 };

describe('printForm', () => {
  it('fills the title from the page and the region from the top bar unless the page says otherwise', () => {
    expect(printForm({ period: '2025年度', units: ['分', '%'] }, '考核评估', '安康市')).toEqual({ title: '考核评估', region: '安康市', period: '2025年度', units: ['分', '%'], landscape: false });
    expect(printForm({ title: '报表查看：安康农行', region: null, period: null, units: [], landscape: true }, '报表查看', '安康市')).toEqual({
      title: '报表查看：安康农行',
      region: null,
      period: null,
      units: [],
      landscape: true,
    });
  });

  it('writes the head line as a form does, leaving out what the page does not have', () => {
    const form = printForm({ period: '2025年第四季度末', units: ['万元', '亿元', '%'] }, '产业链', '璧山区');
    expect(printHeadItems(form, today)).toEqual([
      { label: '地区', value: '璧山区' },
      { label: '期间', value: '2025年第四季度末' },
      { label: '单位', value: '万元、亿元、%' },
      { label: '制表日期', value: '2026年3月2日' },
    ]);
    expect(printHeadItems(printForm({ region: null, period: null, units: [] }, '审计日志', '安康市'), { y: 2025, m: 12, d: 31 })).toEqual([{ label: '制表日期', value: '2025年12月31日' }]);
    expect(chineseDate({ y: 2026, m: 10, d: 8 })).toBe('2026年10月8日');
  });

  it('names the PDF and heads later pages with title, region and period', () => {
    const form = printForm({ period: '2025年度', units: ['分'] }, '考核评估', '安康市');
    expect(printFileParts(form)).toEqual(['考核评估', '安康市', '2025年度']);
    expect(runningHead(form)).toBe('考核评估 · 安康市 · 2025年度');
    expect(runningHead(printForm({ region: null, period: null, units: [] }, '机构与设置', null))).toBe('机构与设置');
  });

  it('sets A4 in the page’s orientation, 「第 x 页 共 y 页」 at the foot and the running head from page 2, quoting the text safely', () => {
    const css = pageStyle(printForm({ title: '报表"查看"\\\n一', period: '2025年第三季度', units: [], landscape: true }, '报表查看', '安康市'));
    expect(css).toContain('size: A4 landscape');
    expect(css).toContain('margin: 20mm 15mm 18mm 15mm');
    expect(css).toContain('@bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"');
    expect(css).toContain('@top-right { content: "报表\\"查看\\"\\\\ 一 · 安康市 · 2025年第三季度"');
    expect(css).toContain('@page :first { @top-right { content: none; } }');
    expect(pageStyle(printForm({ period: null, units: [] }, '首页', '安康市'))).toContain('size: A4 portrait');
    expect([printableWidthMm(false), printableWidthMm(true)]).toEqual([180, 267]);
    // Two charts share a sheet: half of the 259 (172) mm inside the margins, less the header, a section title and their descriptions.
    expect([printChartHeightMm(false), printChartHeightMm(true)]).toEqual([99.5, 56]);
  });
});
