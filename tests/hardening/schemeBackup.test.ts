/** A scheme change (a new version of a 考核方案) is preceded by a backup. */
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeContext, openContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { backupDir } from '../../src/services/backup/files';
import { dumpConnection, dumpDatabase } from './helpers/db-dump';
import { tempDir } from './helpers/temp';

const tmp = tempDir('scheme');
afterAll(() => tmp.cleanup());

describe('a scheme change', () => {
  it('takes a backup before the new scheme version is stored', async () => {
    const ctx = openContext(join(tmp.dir, 'c', 'rfm.sqlite'));
    const h = createHandlers(ctx);
    const out = join(tmp.dir, 'scheme.json');
    const ex = await h['assessment.exportScheme']({ out, region: 'ankang' }, {});
    if (!ex.ok) throw new Error(ex.error.message);
    const scheme = JSON.parse(readFileSync(out, 'utf8')) as { name: string };
    scheme.name = `${scheme.name}（修订）`;
    writeFileSync(out, JSON.stringify(scheme));
    const before = dumpConnection(ctx.db);
    const r = await h['assessment.importScheme']({ path: out }, {});
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.version).toBeGreaterThan(ex.value.version);
    const backups = readdirSync(backupDir(ctx.dbPath));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toContain('更换考核方案前-scheme.json');
    expect(dumpDatabase(join(backupDir(ctx.dbPath), backups[0] ?? ''))).toEqual(before);
    closeContext(ctx);
  });
});
