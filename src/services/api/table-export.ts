/** 导出 Excel for any table of the window (the sheet the page shows, checked here). */
import type { TableExportApi } from '../../api/contract';
import type { ImplTable } from './wrap';
import { exportScreenTable } from '../exports/screenTable';

export function tableExportHandlers(): ImplTable<keyof TableExportApi> {
  return {
    'table.export': (a) => exportScreenTable(a.sheet, a.out),
  };
}
