/**
 * The Word draft's sections from the banks' own words and the customary 季度分析 sentences:
 * per bank 「涉农贷款余额…，同比增长…，比年初增加…，同比多增/少增…，占全市增量…%」 from the
 * indicator engine (无数据 where a base is missing, never 0), then 「存在的问题」「政策建议」
 * 「典型案例」 compiled from the current reports' texts, each bank named.
 */
import type { DB } from '../db/database';
import type { ReportBlock } from '../charts/document';
import { chooseAmountUnit, formatAmount, formatPercent } from '../../domain/charts/format';
import { evaluateIndicator, loadRegionData, parseQuarterOrFail } from '../indicators';
import { listTexts } from './list';

const NONE = '无数据';

function wan(v: number | null): string {
  if (v === null) return NONE;
  const unit = chooseAmountUnit([Math.abs(v)]);
  return `${formatAmount(Math.abs(v), unit)}${unit}`;
}

/** One bank's sentence: every figure from the same engine the tables use. */
function bankSentence(name: string, regionWord: string, f: { bal: number | null; yoy: number | null; inc: number | null; diff: number | null; share: number | null }): string {
  const parts = [`${name}涉农贷款余额${wan(f.bal)}`];
  parts.push(f.yoy === null ? `同比增长${NONE}` : `同比${f.yoy >= 0 ? '增长' : '下降'}${formatPercent(Math.abs(f.yoy), 2)}`);
  parts.push(f.inc === null ? `比年初增加${NONE}` : `比年初${f.inc >= 0 ? '增加' : '减少'}${wan(f.inc)}`);
  parts.push(f.diff === null ? `同比多增${NONE}` : `同比${f.diff >= 0 ? '多增' : '少增'}${wan(f.diff)}`);
  parts.push(`占${regionWord}增量${f.share === null ? NONE : formatPercent(f.share, 1)}`);
  return `${parts.join('，')}。`;
}

/** 全市 for a city, 全区 for a district. */
function regionWordOf(regionName: string): string {
  return regionName.endsWith('区') ? '全区' : regionName.endsWith('县') ? '全县' : '全市';
}

export interface DraftSection {
  title: string;
  blocks: ReportBlock[];
}

/** The sections the Word draft adds for a region and quarter (empty sections are left out). */
export function bankSections(db: DB, region: string, regionName: string, quarter: string): DraftSection[] {
  const q = parseQuarterOrFail(quarter);
  const data = loadRegionData(db, region, q, q);
  const all = data.institutions.map((i) => i.code);
  const regionInc = evaluateIndicator(data, 'agri_loans_inc', quarter, all);
  const reported = new Set(listTexts(db, { region, quarter, limit: 2000 }).entries.map((e) => e.institution));
  const word = regionWordOf(regionName);
  const sentences = data.institutions
    .filter((i) => evaluateIndicator(data, 'agri_loans_bal', quarter, [i.code]) !== null || reported.has(i.code))
    .map((i) => {
      const one = (id: string): number | null => evaluateIndicator(data, id, quarter, [i.code]);
      const inc = one('agri_loans_inc');
      const share = inc !== null && regionInc !== null && regionInc !== 0 ? inc / regionInc : null;
      return bankSentence(i.name, word, { bal: one('agri_loans_bal'), yoy: one('agri_loans_yoy'), inc, diff: one('agri_loans_inc_yoy_diff'), share });
    });
  const sections: DraftSection[] = [];
  if (sentences.length > 0) {
    sections.push({
      title: '分机构涉农贷款情况',
      blocks: [
        ...sentences.map((text): ReportBlock => ({ kind: 'paragraph', text })),
        { kind: 'paragraph', text: `注：同比多增（少增）为本年比年初增量与上年同期比年初增量之差；占${word}增量为该机构比年初增量占${word}比年初增量的比重；缺少上年或年初数据的项目为“无数据”。` },
      ],
    });
  }
  const kinds: { key: string; title: string }[] = [
    { key: 'text_problems', title: '存在的问题' },
    { key: 'text_suggestions', title: '政策建议' },
    { key: 'text_cases', title: '典型案例' },
  ];
  for (const k of kinds) {
    const entries = listTexts(db, { region, quarter, kind: k.key, limit: 2000 }).entries;
    if (entries.length === 0) continue;
    sections.push({
      title: k.title,
      blocks: [
        { kind: 'paragraph', text: `以下根据${entries.length}家机构报送的${k.title === '典型案例' ? '典型案例、经验做法' : k.title.replace('的', '')}材料整理（按机构列示，文字未作改动）。` },
        ...entries.map((e): ReportBlock => ({ kind: 'paragraph', text: `${e.institutionName}：${e.text.replace(/\s*\n\s*/g, '')}` })),
      ],
    });
  }
  return sections;
}
