/**
 * The shipped dependency tree is clean and its licences are listed; the
 * native-module scripts read ABIs correctly and never break an install.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO } from './support';

const node = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });

describe('dependency review', () => {
  it('npm ls of the production tree is clean (nothing missing, invalid or extraneous)', async () => {
    // In a git worktree node_modules may be a link to a shared install: check that install against its own package.json.
    const installRoot = dirname(realpathSync(join(REPO, 'node_modules')));
    const npmLs = () => {
      const r = spawnSync('npm', ['ls', '--omit=dev', '--all', '--json'], {
        cwd: installRoot,
        encoding: 'utf8',
        env: { ...process.env, npm_config_loglevel: 'error' },
        maxBuffer: 64 * 1024 * 1024,
      });
      return { status: r.status, tree: JSON.parse(r.stdout) as { problems?: string[]; dependencies?: Record<string, unknown> } };
    };
    // A shared install can be caught mid-update by another checkout's npm: look twice before failing.
    let { status, tree } = npmLs();
    if (status !== 0) {
      await new Promise((r) => setTimeout(r, 3000));
      ({ status, tree } = npmLs());
    }
    // In a checkout of its own (CI: npm ci) the tree must be exactly clean. A shared install may also
    // hold packages another checkout is trying out (extraneous); those are not shipped, so only there
    // they are tolerated. Missing or invalid packages fail everywhere.
    const shared = installRoot !== REPO;
    const problems = (tree.problems ?? []).filter((p) => !(shared && p.startsWith('extraneous:')));
    expect(problems).toEqual([]);
    if (!shared) expect(status).toBe(0);
    expect(Object.keys(tree.dependencies ?? {})).toEqual(expect.arrayContaining(['better-sqlite3', 'exceljs', 'xlsx', 'echarts']));
  });

  it('resources/licenses.txt lists every shipped package and is up to date with package-lock.json', () => {
    const r = node(['electron/scripts/licenses.mjs', '--check']);
    expect(r.stderr + r.stdout).toMatch(/up to date/);
    expect(r.status).toBe(0);
    const text = readFileSync(join(REPO, 'resources', 'licenses.txt'), 'utf8');
    const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean; devOptional?: boolean; name?: string }> };
    for (const [path, e] of Object.entries(lock.packages)) {
      const name = e.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      if (path === '' || e.dev || e.devOptional) {
        // Development tools are not shipped, so they are not listed (unless the same package also ships).
        continue;
      }
      expect(text, name).toContain(`${name}@${e.version}  `);
    }
    expect(text).not.toMatch(/^electron-builder@/m);
    expect(text).not.toMatch(/^vitest@/m);
  });
});

describe('native module ABI', () => {
  it('reads the NODE_MODULE_VERSION of a built addon without loading it', () => {
    const addon = join(REPO, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `import { moduleVersionOf, electronTarget, NODE_ABI } from './electron/scripts/native-abi.mjs'; console.log(JSON.stringify({ addon: moduleVersionOf(${JSON.stringify(addon)}), node: NODE_ABI, electron: electronTarget('.') }));`],
      { cwd: REPO, encoding: 'utf8' },
    );
    const v = JSON.parse(out) as { addon: number; node: number; electron: { version: string; abi: number } };
    // node_modules keeps the Node build (tests, CLI): its ABI is this Node's.
    expect(v.addon).toBe(Number(process.versions.modules));
    expect(v.node).toBe(Number(process.versions.modules));
    expect(v.electron.abi).toBeGreaterThan(v.node);
    expect(v.electron.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('the postinstall skips the Electron build in CI at once, and never fails the install', () => {
    const r = node(['electron/scripts/rebuild-native.mjs'], { CI: 'true' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/skipped in CI/);
    const off = node(['electron/scripts/rebuild-native.mjs'], { RFM_SKIP_ELECTRON_REBUILD: '1' });
    expect(off.status).toBe(0);
    expect(off.stdout).toMatch(/skipped/);
    // Node's build in node_modules is untouched either way.
    expect(existsSync(join(REPO, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
  });
});
