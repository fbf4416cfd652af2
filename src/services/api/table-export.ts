/** What the window itself sends to be written: 导出 Excel of any table (the sheet checked here) and 导出 PDF of a page. */
import type { PdfApi, TableExportApi } from '../../api/contract';
import type { ImplTable } from './wrap';
import { exportScreenTable } from '../exports/screenTable';
import { savePdf } from '../exports/pdf';

export function tableExportHandlers(): ImplTable<keyof TableExportApi | keyof PdfApi> {
  return {
    'table.export': (a) => exportScreenTable(a.sheet, a.out),
    'pdf.save': (a) => savePdf(a.data, a.out),
  };
}
