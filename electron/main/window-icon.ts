/**
 * Where the window's icon comes from. Windows shows the icon electron-builder
 * put into the exe (build/icon.ico) and macOS the bundle's; a Linux window
 * manager shows only what the window itself carries, so on Linux the window
 * gets the PNG that electron/scripts/icons.mjs renders from the app's mark:
 *   packaged: <process.resourcesPath>/icon.png (electron-builder.yml, linux.extraResources)
 *   from source: <repo>/build/icon.png (npm start and npm run dev render it first)
 */
import { join } from 'node:path';

export const WINDOW_ICON_FILE = 'icon.png';

export interface IconPlace {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** process.resourcesPath: the folder beside app.asar in a packaged app. */
  resourcesPath: string;
  /** app.getAppPath(): the repository when running from source. */
  appPath: string;
}

export function windowIconPath(place: IconPlace): string | undefined {
  if (place.platform !== 'linux') return undefined;
  return place.isPackaged ? join(place.resourcesPath, WINDOW_ICON_FILE) : join(place.appPath, 'build', WINDOW_ICON_FILE);
}
