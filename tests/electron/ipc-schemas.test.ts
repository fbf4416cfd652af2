/**
 * One argument schema per contract method (src/api/schemas.ts): every method the
 * services and the shell answer has one, a call that does not match it is refused by
 * the main process in Chinese before the services process sees it, and the calls the
 * app really makes pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { HandlerTable } from '../../src/api/contract';
import { ARGUMENT_SCHEMAS, argumentProblem } from '../../src/api/schemas';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { ServiceRelay } from '../../electron/main/service-relay';
import { createCallHandler } from '../../electron/main/ipc-calls';
import { createShellHandlers } from '../../electron/main/shell-dialogs';
import { isAppPage } from '../../electron/main/app-origin';
import { fakeInvokeEvent, inProcessService, NO_PRINTER, scratchDir } from './support';

let ctx: ServiceContext;
let handlers: HandlerTable;
const scratch = scratchDir('ipc-schemas');
const shell = createShellHandlers({
  open: async () => ({ canceled: true, filePaths: [] }),
  save: async () => ({ canceled: true }),
  showItemInFolder: () => undefined,
  ...NO_PRINTER,
  defaultDir: () => '/home/analyst/Documents',
});

beforeAll(() => {
  ctx = openContext(join(scratch.dir, 'rfm.sqlite'));
  handlers = createHandlers(ctx);
});
afterAll(() => {
  closeContext(ctx);
  scratch.cleanup();
});

function setup() {
  const started: ReturnType<typeof inProcessService>[] = [];
  const relay = new ServiceRelay(() => {
    const s = inProcessService(handlers);
    started.push(s);
    return s;
  });
  return { handle: createCallHandler({ relay, shell, isTrustedSender: (url) => isAppPage(url, null) }), started };
}

describe('the argument schemas', () => {
  it('cover exactly the methods the services and the shell answer', () => {
    expect(Object.keys(ARGUMENT_SCHEMAS).sort()).toEqual([...Object.keys(handlers), ...Object.keys(shell)].sort());
  });

  it('refuse, naming the member in Chinese: a misspelt option, a wrong type, a missing member, a wrong choice', () => {
    const cases: Array<[string, unknown, string]> = [
      ['registry.institutions', { regoin: 'ankang' }, '操作「registry.institutions」的参数「regoin」不是这个操作的参数（多余或拼错的项），已拒绝。'],
      ['history.restore', { submissionId: '3' }, '操作「history.restore」的参数「submissionId」应为整数，收到的是文本「3」，已拒绝。'],
      ['import.files', { paths: 'a.xlsx' }, '操作「import.files」的参数「paths」应为列表，收到的是文本「a.xlsx」，已拒绝。'],
      ['import.files', { paths: ['a.xlsx', 7] }, '操作「import.files」的参数「paths[1]」应为文本，收到的是数字 7，已拒绝。'],
      ['data.dump', {}, '操作「data.dump」的参数「quarter」缺少这一项，已拒绝。'],
      ['charts.export', { id: 'loans.npl', params: {}, format: 'gif', out: 'x.gif' }, '操作「charts.export」的参数「format」应为以下之一：png、svg，收到的是文本「gif」，已拒绝。'],
      ['app.info', { verbose: true }, '操作「app.info」的参数「verbose」不是这个操作的参数（此操作不带参数），已拒绝。'],
      ['targets.add', { target: { id: 't', source: '', clause: '', region: 'ankang', who: '', scope: 'region', goal: { kind: 'value', op: '=>', value: 1 }, byLabel: '' } }, '操作「targets.add」的参数「target.goal.op」应为以下之一：>=、>、<=、<，收到的是文本「=>」，已拒绝。'],
      ['registry.saveInstitution', { institution: { code: 'X', name: 'X', aliases: ['a', 1] } }, '操作「registry.saveInstitution」的参数「institution.aliases[1]」应为文本，收到的是数字 1，已拒绝。'],
    ];
    for (const [method, args, message] of cases) expect(argumentProblem(method, args), method).toEqual({ code: 'E_IPC_INVALID', message });
  });

  it('accept the shapes the contract allows: optional members left out, unions, maps', () => {
    const good: Array<[string, unknown]> = [
      ['app.info', {}],
      ['registry.institutions', {}],
      ['registry.institutions', { region: 'ankang', includeInactive: true }],
      ['import.files', { paths: ['/a.xlsx'], dryRun: true, receivedDates: { '/a.xlsx': '2025-10-04' }, acks: { '*': { k: '已确认' } }, confirmAll: false }],
      ['progress.table', { year: 2025, quarter: 3 }],
      ['progress.table', { year: 2025, quarter: '2025Q3', region: 'ankang' }],
      ['progress.setTarget', { county: '汉滨区', year: 2025, annualTarget: null }],
      ['assessment.whatIf', { region: 'ankang', year: 2025, weights: { q_policy: 5 } }],
      ['targets.add', { target: { id: 't', source: 's', clause: 'c', region: 'ankang', who: 'w', scope: 'each', goal: { kind: 'base', op: '>=', base: 'lastYear' }, byLabel: '每季度' } }],
      ['shell.chooseFiles', { filters: [{ name: '报表', extensions: ['xlsx'] }], multiple: true }],
    ];
    for (const [method, args] of good) expect(argumentProblem(method, args), method).toBeNull();
  });

  it('are checked by the main process: a mismatch never reaches the services process', async () => {
    const { handle, started } = setup();
    const ev = fakeInvokeEvent();
    const bad = await handle(ev, { kind: 'call', callId: 'a', method: 'history.restore', args: { submissionId: '3' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'E_IPC_INVALID', message: expect.stringContaining('submissionId') } });
    const shellBad = await handle(ev, { kind: 'call', callId: 'b', method: 'shell.chooseFolder', args: { titel: '选择' } });
    expect(shellBad).toMatchObject({ ok: false, error: { code: 'E_IPC_INVALID', message: expect.stringContaining('titel') } });
    expect(started.flatMap((s) => s.received).filter((m) => m.type === 'call')).toEqual([]);

    const good = await handle(ev, { kind: 'call', callId: 'c', method: 'registry.institutions', args: { region: 'bishan' } });
    expect(good.ok).toBe(true);
    expect(started.flatMap((s) => s.received).filter((m) => m.type === 'call')).toHaveLength(1);
  });
});
