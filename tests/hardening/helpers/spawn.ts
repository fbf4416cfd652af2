/** Runs TypeScript entry points (the CLI, test fixtures) in a child Node process through tsx. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../..');
export const CLI = resolve(REPO, 'src/cli/main.ts');

export function spawnTs(entry: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((res, rej) => {
    child.on('error', rej);
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr }));
  });
}

export function runTs(entry: string, args: string[], opts: SpawnOptions = {}): Promise<Finished> {
  return finished(spawnTs(entry, args, opts));
}
