/** The bundled CJK font (resources/fonts), the only font the chart export renders with. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../resources';
import { fail } from '../../domain/result';
import { CHART_FONT_FAMILY } from '../../domain/charts/style';

export const CHART_FONT_FILE = 'NotoSansCJKsc-Regular.otf';

export function chartFontPath(): string {
  const path = join(resourcesDir(), 'fonts', CHART_FONT_FILE);
  if (!existsSync(path)) fail('E_FONT_MISSING', `找不到图表字体文件「${path}」（安装可能不完整），无法导出图片。`);
  return path;
}

export { CHART_FONT_FAMILY };
