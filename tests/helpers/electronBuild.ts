/** electron-vite's build of the app (no Electron binary needed), for tests and the bench. */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '..', '..');

/**
 * Builds some parts of the app (e.g. 'main', 'main,preload', 'renderer') into `out`
 * (electron/electron.vite.config.ts reads RFM_OUT_DIR and RFM_BUILD_TARGETS). A folder
 * inside the repository lets the built bundles find node_modules.
 */
export function buildApp(out: string, targets: string): void {
  execFileSync(process.execPath, [join(REPO, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '-c', 'electron/electron.vite.config.ts', '--logLevel', 'error'], {
    cwd: REPO,
    env: { ...process.env, RFM_OUT_DIR: out, RFM_BUILD_TARGETS: targets },
    stdio: 'pipe',
  });
}
