/** The preload exposes exactly one narrow bridge (window.rfm) and never ipcRenderer itself. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Bridge, MenuCommand } from '../../src/api/contract';
import type { Progress } from '../../src/api/types';
import { CALL_CHANNEL, EVENT_CHANNEL, type RendererEvent } from '../../electron/shared/messages';

const rec = vi.hoisted(() => ({
  exposed: [] as Array<[string, unknown]>,
  invoked: [] as Array<[string, unknown]>,
  listeners: new Map<string, (event: unknown, message: unknown) => void>(),
  answer: { ok: true, value: 'answered' } as unknown,
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void rec.exposed.push([key, api]) },
  ipcRenderer: {
    invoke: async (channel: string, request: unknown) => {
      rec.invoked.push([channel, request]);
      return rec.answer;
    },
    on: (channel: string, l: (event: unknown, message: unknown) => void) => void rec.listeners.set(channel, l),
    send: () => {
      throw new Error('the bridge must not use ipcRenderer.send');
    },
  },
  webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
}));

let bridge: Bridge;
const emit = (e: RendererEvent): void => rec.listeners.get(EVENT_CHANNEL)?.({}, e);

beforeAll(async () => {
  await import('../../electron/preload/index');
  bridge = rec.exposed[0]?.[1] as Bridge;
});

describe('preload bridge', () => {
  it('exposes one object, window.rfm, with exactly call, cancel, onMenu and pathForFile', () => {
    expect(rec.exposed.map(([k]) => k)).toEqual(['rfm']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'cancel', 'onMenu', 'pathForFile']);
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
    expect([...rec.listeners.keys()]).toEqual([EVENT_CHANNEL]);
  });

  it('invokes the one call channel with the method and args, and returns main’s Result as is', async () => {
    const r = await bridge.call('registry.institutions', { region: 'ankang' }, undefined, { callId: 'inst-1' });
    expect(r).toEqual({ ok: true, value: 'answered' });
    expect(rec.invoked.at(-1)).toEqual([CALL_CHANNEL, { kind: 'call', callId: 'inst-1', method: 'registry.institutions', args: { region: 'ankang' } }]);
    await bridge.call('app.info', {});
    const auto = rec.invoked.at(-1)?.[1] as { callId: string };
    expect(auto.callId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(rec.invoked.every(([c]) => c === CALL_CHANNEL)).toBe(true);
  });

  it('routes progress to the call it belongs to, only while it runs', async () => {
    const seen: Array<[string, Progress]> = [];
    let finish!: (v: unknown) => void;
    rec.answer = new Promise((r) => (finish = r));
    const a = bridge.call('registry.regions', {}, (p) => seen.push(['a', p]), { callId: 'a' });
    const b = bridge.call('registry.regions', {}, (p) => seen.push(['b', p]), { callId: 'b' });
    emit({ kind: 'progress', callId: 'b', progress: { stage: '读取', done: 1, total: 2 } });
    emit({ kind: 'progress', callId: 'a', progress: { stage: '读取', done: 2, total: 2 } });
    finish({ ok: true, value: [] });
    await Promise.all([a, b]);
    emit({ kind: 'progress', callId: 'a', progress: { stage: '晚到', done: 3, total: 3 } });
    expect(seen).toEqual([
      ['b', { stage: '读取', done: 1, total: 2 }],
      ['a', { stage: '读取', done: 2, total: 2 }],
    ]);
    rec.answer = { ok: true, value: 'answered' };
  });

  it('cancels through the same channel, passes menu commands on, and gives dropped files’ paths', () => {
    bridge.cancel('a');
    expect(rec.invoked.at(-1)).toEqual([CALL_CHANNEL, { kind: 'cancel', callId: 'a' }]);
    const got: MenuCommand[] = [];
    const off = bridge.onMenu((c) => got.push(c));
    emit({ kind: 'menu', command: { command: 'import', paths: ['/x.xlsx'] } });
    off();
    emit({ kind: 'menu', command: { command: 'export' } });
    expect(got).toEqual([{ command: 'import', paths: ['/x.xlsx'] }]);
    expect(bridge.pathForFile({ name: '安康.xlsx' } as File)).toBe('/dropped/安康.xlsx');
    // Main learns the dropped path (the only way a path not from its dialogs may be read).
    expect(rec.invoked.at(-1)).toEqual([CALL_CHANNEL, { kind: 'dropped', callId: expect.stringMatching(/^drop-/), paths: ['/dropped/安康.xlsx'] }]);
  });
});
