#!/usr/bin/env node
// Dependency review: no package with a known advisory in the shipped (production) tree.
// Runs `npm audit --omit=dev` and fails on any advisory not in .ci/audit-allow.json
// (each allowed entry says why it cannot reach users). When the registry's audit
// endpoint cannot be reached (offline machine, a mirror that only serves GET), it says
// so and exits 0: the review then has to happen where the endpoint is reachable.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The test of this script feeds it a recorded report and allow-list through these two variables.
const allow = JSON.parse(readFileSync(process.env.RFM_AUDIT_ALLOW ?? join(root, '.ci/audit-allow.json'), 'utf8')).allow;

let raw;
if (process.env.RFM_AUDIT_REPORT) raw = readFileSync(process.env.RFM_AUDIT_REPORT, 'utf8');
else {
  try {
    raw = execFileSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    // npm audit exits 1 when it finds advisories; its JSON is still on stdout.
    raw = /** @type {{ stdout?: string }} */ (e).stdout ?? '';
  }
}
let report;
try {
  report = JSON.parse(raw);
} catch {
  console.log(`[audit] npm audit gave no report; dependency advisories NOT checked here.\n${raw.slice(0, 500)}`);
  process.exit(0);
}
if (report.error || report.statusCode || !report.vulnerabilities) {
  const why = report.error?.summary || report.message || `HTTP ${report.statusCode ?? '?'}`;
  console.log(`[audit] the registry's audit endpoint is not reachable (${why}); dependency advisories NOT checked here.`);
  process.exit(0);
}

const findings = [];
for (const [name, v] of Object.entries(report.vulnerabilities)) {
  for (const via of v.via) {
    if (typeof via !== 'object') continue; // a transitive pointer; the source package is listed itself
    const id = String(via.url ?? via.source).split('/').pop();
    findings.push({ name, id, severity: via.severity, title: via.title, range: via.range });
  }
}
/** @param {{ name: string, id: string | undefined }} f */
const allowed = (f) => allow.some((/** @type {{ package: string, id: string }} */ a) => a.package === f.name && a.id === f.id);
const open = findings.filter((f) => !allowed(f));
const prod = report.metadata?.dependencies?.prod ?? report.metadata?.dependencies?.total ?? '?';
console.log(`[audit] production tree: ${prod} packages, ${findings.length} advisories, ${findings.length - open.length} allowed with a reason.`);
for (const f of findings) console.log(`  ${allowed(f) ? 'allowed ' : 'OPEN    '} ${f.severity.padEnd(8)} ${f.name} ${f.range ?? ''}  ${f.id}  ${f.title}`);
process.exit(open.length > 0 ? 1 : 0);
