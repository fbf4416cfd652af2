/**
 * Puts values into a drawn form. Every input is (re)set on each call, so one
 * drawn workbook can be refilled and written many times (sample reports).
 */
import type { DrawnTemplate } from './workbook';
import type { CalendarDate } from '../../domain/quarter';
import type { FormValue } from '../../domain/catalogue/layout';

export type { FormValue };

export function isCalendarDate(v: FormValue): v is CalendarDate {
  return typeof v === 'object' && v !== null;
}

/** ExcelJS turns a Date into a serial by its UTC time, so a UTC midnight gives an exact whole day. */
function toCellValue(v: FormValue): number | string | Date | null {
  if (isCalendarDate(v)) return new Date(Date.UTC(v.y, v.m - 1, v.d));
  return v;
}

export function fillForm(drawn: DrawnTemplate, values: ReadonlyMap<string, FormValue>): void {
  for (const [name, { cell }] of drawn.cells) cell.value = toCellValue(values.get(name) ?? null);
}

/** The defined name of the input whose field plays a cover role (institution, code, quarter). */
export function roleName(drawn: DrawnTemplate, role: 'institution' | 'institutionCode' | 'quarter'): string | null {
  return drawn.layout.inputs.find((i) => i.field.role === role)?.definedName ?? null;
}
