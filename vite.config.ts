// The renderer (src/ui) build, and the test runner's settings (vitest reads this file).
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { resolve } from 'node:path';

/**
 * The tests run in the users' zone and on a fixed day, wherever and whenever they run:
 * set here, before vitest forks its workers, so every test process and every child
 * process a test starts inherits them (tests/domain/timezones.test.ts checks other zones).
 * A test that needs another day calls setClock() (src/domain/clock.ts).
 */
export const TEST_TIME_ZONE = 'Asia/Shanghai';
export const TEST_NOW = '2026-03-02T10:00:00+08:00';
if (process.env['VITEST']) {
  process.env['TZ'] = TEST_TIME_ZONE;
  process.env['RFM_NOW'] ??= TEST_NOW;
}

/** The end-to-end suite (a browser), the SIGKILL soak and the suites that run hostile files in child processes: in `npm test` and CI, not in `npm run test:fast`. */
const BROWSER = ['tests/e2e/**/*.test.ts'];
const SOAK = ['tests/hardening/killedImport.test.ts', 'tests/safety/zipBypass.test.ts', 'tests/safety/specialFiles.test.ts'];
/**
 * Suites that take five seconds or more alone on a 2-core machine — whole sample sets or the
 * demo generated, hostile files by the hundred, drafts printed through LibreOffice: in
 * `npm test` and CI like every other, kept out of the edit loop so it stays under a minute.
 */
const HEAVY = [
  'tests/charts/draftPages.test.ts',
  'tests/hardening/cells.test.ts',
  'tests/hardening/shiftedRows.test.ts',
  'tests/hardening/badInput.test.ts',
  'tests/hardening/faults.test.ts',
  'tests/cli/demo.test.ts',
  'tests/template/sample.test.ts',
  'tests/api/revision.test.ts',
  'tests/api/honestStates.test.ts',
  'tests/safety/messages.test.ts',
];

export default defineConfig({
  root: resolve(import.meta.dirname, 'src/ui'),
  base: './',
  plugins: [vue()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    root: import.meta.dirname,
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { TZ: TEST_TIME_ZONE },
    projects: [
      { extends: true, test: { name: 'fast', include: ['tests/**/*.test.ts'], exclude: [...BROWSER, ...SOAK, ...HEAVY] } },
      { extends: true, test: { name: 'heavy', include: HEAVY } },
      { extends: true, test: { name: 'browser', include: BROWSER } },
      { extends: true, test: { name: 'soak', include: SOAK } },
    ],
  },
});
