/**
 * The Word draft's 分机构 sentences and the banks' texts: 同比增长, 比年初增加, 同比多增/少增 and
 * 占全市增量 from the indicator engine, 无数据 where a base is missing (never 0); 存在的问题,
 * 政策建议, 典型案例 compiled with each bank named.
 */
import { describe, expect, it } from 'vitest';
import { insertReport, memoryDb } from '../helpers/reports';
import { bankSections } from '../../src/services/texts/report';

describe('Word draft: banks', () => {
  it('writes the customary sentences and compiles the texts', () => {
    const db = memoryDb();
    const put = (institution: string, quarter: string, agri: number): number => insertReport(db, { institution, quarter, values: { agri_loans_bal: agri, loans_total_bal: agri * 2 } });
    // 农行: 2023Q4 100, 2024Q3 110, 2024Q4 120, 2025Q3 150 → 比年初 +30, 上年同期比年初 +10 → 多增 20; 同比 150/110 − 1
    put('AK-ABC', '2023Q4', 100);
    put('AK-ABC', '2024Q3', 110);
    put('AK-ABC', '2024Q4', 120);
    const abc = put('AK-ABC', '2025Q3', 150);
    // 建行: no 2024Q3 or 2023Q4 report → 同比 and 同比多增 无数据; 比年初 +10
    put('AK-CCB', '2024Q4', 50);
    const ccb = put('AK-CCB', '2025Q3', 60);
    const text = db.prepare(`INSERT INTO submission_values (submission_id, field_key, member, text, sheet, cell, defined_name) VALUES (?, ?, '', ?, '文字材料', ?, ?)`);
    text.run(abc, 'text_problems', '魔芋加工企业抵押物不足。', 'A8', 'RV_text_problems');
    text.run(ccb, 'text_problems', '县域网点少。', 'A8', 'RV_text_problems');
    text.run(abc, 'text_cases', '【茶园贷】发放120万元。', 'A12', 'RV_text_cases');
    const sections = bankSections(db, 'ankang', '安康市', '2025Q3');
    expect(sections.map((s) => s.title)).toEqual(['分机构涉农贷款情况', '存在的问题', '典型案例']);
    const para = (i: number): string[] => (sections[i]?.blocks ?? []).map((b) => (b.kind === 'paragraph' ? b.text : ''));
    // 全市 比年初增量 = 30 + 10 = 40: 农行 75.0%, 建行 25.0%
    expect(para(0)[0]).toBe('中国农业银行安康分行涉农贷款余额150.00万元，同比增长36.36%，比年初增加30.00万元，同比多增20.00万元，占全市增量75.0%。');
    expect(para(0)[1]).toBe('中国建设银行安康分行涉农贷款余额60.00万元，同比增长无数据，比年初增加10.00万元，同比多增无数据，占全市增量25.0%。');
    expect(para(1)).toEqual(['以下根据2家机构报送的存在问题材料整理（按机构列示，文字未作改动）。', '中国农业银行安康分行：魔芋加工企业抵押物不足。', '中国建设银行安康分行：县域网点少。']);
    expect(para(2)[1]).toBe('中国农业银行安康分行：【茶园贷】发放120万元。');
    db.close();
  });
});
