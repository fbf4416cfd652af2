/** The bundled CJK font (resources/fonts), the only font the chart export renders with. */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { resourcesDir } from '../resources';
import { fail } from '../../domain/result';
import { CHART_FONT_FAMILY } from '../../domain/charts/style';

export const CHART_FONT_FILE = 'NotoSansCJKsc-Regular.otf';

export function chartFontPath(): string {
  const path = join(resourcesDir(), 'fonts', CHART_FONT_FILE);
  // Named inside the program's folder only: no message shows the absolute install path.
  if (!existsSync(path)) fail('E_FONT_MISSING', { path: basename(path) });
  return path;
}

export { CHART_FONT_FAMILY };
