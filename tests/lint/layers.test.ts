/**
 * The layer rule (eslint/layers.js over LAYERS in eslint.config.js) and the unused-export
 * check (knip over knip.json), run on code written here: what a layer's list does not allow
 * fails lint, in Chinese, naming the layer and the import; what it allows passes.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';

const REPO = resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: REPO });

async function layerProblems(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: join(REPO, file) });
  return (r?.messages ?? []).filter((m) => m.ruleId === 'local/layer-imports').map((m) => m.message);
}

describe('layer lint: what each layer may import', () => {
  it('domain may not import Node, a database or another layer', async () => {
    expect(await layerProblems('src/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toEqual([
      'domain 层不得引用「node:fs」（Node 内置模块）：该层只允许引用 domain。',
    ]);
    expect(await layerProblems('src/domain/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n")).toEqual([
      'domain 层不得引用「better-sqlite3」（依赖包）：该层只允许引用 domain。',
    ]);
    expect(await layerProblems('src/domain/x.ts', "export { openDatabase } from '../services/db/database';\n")).toEqual([
      'domain 层不得引用「../services/db/database」（services 层）：该层只允许引用 domain。',
    ]);
  });

  it('a package listed for its types only: `import type` passes, a value import fails', async () => {
    expect(await layerProblems('src/domain/charts/x.ts', "import type { EChartsOption } from 'echarts';\nexport type A = EChartsOption;\n")).toEqual([]);
    expect(await layerProblems('src/domain/charts/x.ts', "import * as echarts from 'echarts';\nexport const a = echarts;\n")).toEqual([
      'domain 层只能引用「echarts」的类型（import type），不得引用其实现。',
    ]);
  });

  it('a dynamic import() is checked like a static one; one without a literal path is refused', async () => {
    expect(await layerProblems('src/ui/pages/x.ts', "export const load = () => import('../../services/api/handlers');\n")).toEqual([
      'ui 层不得引用「../../services/api/handlers」（services 层）：该层只允许引用 ui、domain、api、vue、pinia、echarts。',
    ]);
    expect(await layerProblems('src/ui/pages/x.ts', 'export const load = (m: string) => import(m);\n')).toEqual(['ui 层的动态 import() 须写明字面路径，才能检查它引用的层。']);
    expect(await layerProblems('src/ui/pages/x.ts', "export const fs = require('node:fs');\n")).toHaveLength(1);
  });

  it("Electron's main process may not import the services; the utility process hosts them", async () => {
    const code = "import { importFiles } from '../../src/services/import/importFiles';\nexport const a = importFiles;\n";
    expect(await layerProblems('electron/main/x.ts', code)).toEqual([
      'electron-main 层不得引用「../../src/services/import/importFiles」（services 层）：该层只允许引用 electron-main、electron-shared、api、domain、electron、node:*。',
    ]);
    expect(await layerProblems('electron/utility/x.ts', code)).toEqual([]);
  });

  it('what a layer lists passes: services over SQLite, the domain and the contract; a .vue page over the bridge', async () => {
    expect(
      await layerProblems('src/services/x.ts', "import Database from 'better-sqlite3';\nimport { join } from 'node:path';\nimport { now } from '../domain/clock';\nimport type { Api } from '../api/contract';\nexport const a = [Database, join, now];\nexport type B = Api;\n"),
    ).toEqual([]);
    const vue = "<script setup lang=\"ts\">\nimport { ref } from 'vue';\nimport { readFileSync } from 'node:fs';\nconst a = ref(readFileSync);\n</script>\n<template><div>{{ a }}</div></template>\n";
    expect(await layerProblems('src/ui/pages/X.vue', vue)).toEqual(['ui 层不得引用「node:fs」（Node 内置模块）：该层只允许引用 ui、domain、api、vue、pinia、echarts。']);
  });

  it('the .mjs scripts are linted too', async () => {
    expect(await layerProblems('electron/scripts/x.mjs', "import { openDatabase } from '../../src/services/db/database';\nexport const a = openDatabase;\n")).toHaveLength(1);
  });
});

describe('unused exports (knip)', () => {
  it('an export nothing imports is reported, one that is imported is not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rfm-knip-'));
    try {
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'knip-probe', private: true, type: 'module' }));
      writeFileSync(join(dir, 'knip.json'), JSON.stringify({ entry: ['src/main.ts'], project: ['src/**/*.ts'] }));
      writeFileSync(join(dir, 'src', 'main.ts'), "import { used } from './lib';\nconsole.log(used());\n");
      writeFileSync(join(dir, 'src', 'lib.ts'), 'export function used(): number {\n  return 1;\n}\nexport function forgotten(): number {\n  return 2;\n}\n');
      const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'knip', 'bin', 'knip.js'), '--directory', dir, '--no-progress', '--reporter', 'compact'], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/src\/lib\.ts: forgotten/);
      expect(r.stdout).not.toMatch(/\bused\b/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
