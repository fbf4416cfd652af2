/** Locates the bundled resources folder in development, tests, the CLI and the packaged app. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failure } from '../domain/result';

let cached: string | null = null;

export function resourcesDir(): string {
  if (cached) return cached;
  const fromEnv = process.env['RFM_RESOURCES'];
  if (fromEnv && existsSync(join(fromEnv, 'catalogue'))) return (cached = resolve(fromEnv));
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'resources', 'catalogue'))) return (cached = join(packaged, 'resources'));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'catalogue'))) return (cached = candidate);
    dir = dirname(dir);
  }
  throw failure('E_RESOURCES_MISSING', {});
}

export function readResourceJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(resourcesDir(), ...parts), 'utf8')) as T;
}
