import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './helpers/spawn';
import { tempDir } from './helpers/temp';

const tmp = tempDir('audit');
afterAll(() => tmp.cleanup());

/** A report in npm audit's JSON format (auditReportVersion 2), as npm prints it. */
const report = {
  auditReportVersion: 2,
  vulnerabilities: {
    tmp: {
      name: 'tmp',
      severity: 'low',
      via: [{ source: 1101163, name: 'tmp', title: 'tmp allows arbitrary temporary file write via symbolic link', url: 'https://github.com/advisories/GHSA-52f5-9888-hmc6', severity: 'low', range: '<=0.2.3' }],
    },
    exceljs: { name: 'exceljs', severity: 'low', via: ['tmp'] },
  },
  metadata: { dependencies: { prod: 120 } },
};

function run(allow: unknown[], rep: unknown): { code: number | null; out: string } {
  const a = join(tmp.dir, `allow-${Math.random()}.json`);
  const r = join(tmp.dir, `report-${Math.random()}.json`);
  writeFileSync(a, JSON.stringify({ allow }));
  writeFileSync(r, JSON.stringify(rep));
  const p = spawnSync(process.execPath, [join(REPO, '.ci/audit.mjs')], { env: { ...process.env, RFM_AUDIT_ALLOW: a, RFM_AUDIT_REPORT: r }, encoding: 'utf8' });
  return { code: p.status, out: p.stdout };
}

describe('dependency advisory review (.ci/audit.mjs)', () => {
  it('fails on an advisory in the production tree that is not allowed with a reason', () => {
    const r = run([], report);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/OPEN\s+low\s+tmp <=0\.2\.3\s+GHSA-52f5-9888-hmc6/u);
  });

  it('passes when every advisory is on the allow-list', () => {
    const r = run([{ package: 'tmp', id: 'GHSA-52f5-9888-hmc6', reason: 'exceljs writes no temp files in our use' }], report);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 allowed with a reason');
  });

  it('says plainly when the audit endpoint cannot be reached, without failing the build', () => {
    const r = run([], { message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 });
    expect(r.code).toBe(0);
    expect(r.out).toContain('NOT checked');
  });
});
