/** The banks' texts (文字材料): 工作开展情况, 存在问题, 政策建议, 典型案例 as reported, listed and searched. */

/** One kind of text: a field of the form's 文字材料 section (its key and label, from the catalogue). */
export interface TextKindInfo {
  key: string;
  label: string;
}

export interface TextQuery {
  region?: string;
  /** One quarter (2025Q3); or a range with from/to; none: every quarter. */
  quarter?: string;
  from?: string;
  to?: string;
  institution?: string;
  /** A kind's field key (text_problems) or label (存在问题). */
  kind?: string;
  /** Words to find (every term must occur); terms of 3+ characters use the full-text index, shorter ones LIKE. */
  search?: string;
  /** At most this many entries (default 300, at most 2,000). */
  limit?: number;
}

export interface TextEntry {
  submissionId: number;
  institution: string;
  institutionName: string;
  region: string;
  quarter: string;
  quarterLabel: string;
  kind: string;
  kindLabel: string;
  text: string;
  /** Where the text stands in the bank's file. */
  sheet: string;
  cell: string;
  version: number;
  fileName: string;
  receivedDate: string;
  /** Where the search terms occur in text: [start, end) in UTF-16 units. */
  hits: [number, number][];
  /** 「（来源：… 报送材料·存在问题）」, appended to what is copied. */
  attribution: string;
}

export interface TextListing {
  kinds: TextKindInfo[];
  entries: TextEntry[];
  /** Entries matching before the limit. */
  total: number;
  /** The search's terms, and which way each was searched. */
  terms: { term: string; via: 'index' | 'like' }[];
  /** Quarters that have any text for the region (newest first), for the picker. */
  quarters: string[];
}
