/** The analyst's desk (issue 14): the banks' texts, 退回通知 and the audit log. */
import type { TextListing, TextQuery } from './texts-types';

export interface DeskTextsApi {
  /** The banks' texts (文字材料) of current reports, by quarter, bank and kind, and searched (every term must occur). */
  'texts.list': { args: TextQuery; result: TextListing };
}
