/**
 * better-sqlite3 is built twice by `npm install`: node_modules/better-sqlite3
 * for Node (tests, CLI) and a copy under .native/electron for Electron's ABI
 * (electron/scripts/rebuild-native.mjs). In development Electron points at the
 * copy through RFM_SQLITE_BINDING; the packaged app is rebuilt by
 * electron-builder and needs no override.
 */
export function nativeBindingPath(): string | undefined {
  const p = process.env['RFM_SQLITE_BINDING'];
  return p && p.length > 0 ? p : undefined;
}
