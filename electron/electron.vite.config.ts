/**
 * electron-vite 6 build of the desktop app (no Electron binary needed):
 *   main     electron/main/index.ts    → out/main/index.cjs
 *   utility  electron/utility/index.ts → out/main/services.cjs (utilityProcess.fork entry)
 *   preload  electron/preload/index.ts → out/preload/index.cjs (one file: sandboxed preloads cannot import)
 *   renderer src/ui/index.html         → out/renderer (served through app://)
 * Main and utility are CommonJS: the one module format every Electron process
 * loads. Dependencies stay external (node_modules; better-sqlite3 is native).
 *
 * For tests: RFM_OUT_DIR builds into another folder than out/, and
 * RFM_BUILD_TARGETS (e.g. "main,preload") builds only some of the parts.
 */
import { defineConfig, type UserConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, process.env['RFM_OUT_DIR'] ?? 'out');
const targets = new Set((process.env['RFM_BUILD_TARGETS'] ?? 'main,preload,renderer').split(',').map((t) => t.trim()));
const cjs = { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' } as const;

const config: UserConfig = {
  main: {
    root,
    build: {
      outDir: resolve(out, 'main'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          services: resolve(root, 'electron/utility/index.ts'),
          // The import's SheetJS parse worker (src/services/import/parsePool.ts starts it next to services.cjs).
          parseWorker: resolve(root, 'src/services/import/parseWorker.ts'),
        },
        output: cjs,
      },
    },
  },
  preload: {
    root,
    build: {
      outDir: resolve(out, 'preload'),
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { ...cjs, codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/ui'),
    base: './',
    plugins: [vue()],
    build: {
      outDir: resolve(out, 'renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 2000,
      rolldownOptions: { input: resolve(root, 'src/ui/index.html') },
    },
  },
};

export default defineConfig({
  ...(targets.has('main') ? { main: config.main } : {}),
  ...(targets.has('preload') ? { preload: config.preload } : {}),
  ...(targets.has('renderer') ? { renderer: config.renderer } : {}),
});
