/**
 * Per-institution-only indicators (the catalogue's `perInstitution`): 村覆盖率 and
 * 新型主体建档评级率 are each bank's own counts over its own 服务区域, so the region's row is not
 * their sum but the coverage over the region facts, each village counted once. Hand-worked:
 * 璧山 has 2 行政村 entered for 大兴镇 (0 elsewhere); 农商行 and 邮储 each report their own
 * service area as 1 village, covered (their own rate 100%), and both cover 大兴村. Adding the
 * banks' counts says (1 + 1) / (1 + 1) = 100%; by village it is 1 of 2 = 50%, in every
 * region-level output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { DB } from '../../src/services/db/database';
import { addCoverage, setRegionFact } from '../../src/services/coverage';
import { evaluateIndicator, loadRegionData, parseQuarterOrFail } from '../../src/services/indicators';
import { buildScoringInput } from '../../src/services/assessment/score';
import { schemeForYear } from '../../src/services/assessment/pin';
import { createHandlers } from '../../src/services/api/handlers';
import { closeContext, openContext, type ServiceContext } from '../../src/services/api/context';
import { must } from '../helpers/result';
import { cli } from '../helpers/cli';
import { tempDir } from '../import/fixtures';
import { importBatches } from '../helpers/importBatches';

const UNITS = ['璧城街道', '璧泉街道', '青杠街道', '来凤街道', '丁家街道', '大路街道', '河边镇', '福禄镇', '大兴镇', '正兴镇', '广普镇', '三合镇', '八塘镇', '七塘镇', '健龙镇'];

describe('a village served by two banks counts once in every region-level figure', () => {
  let ctx: ServiceContext;
  let db: DB;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    ctx = openContext(join(dir, 'rfm.sqlite'));
    db = ctx.db;
    const own = { villages_total: 1, villages_covered: 1, nae_total: 2, nae_rated: 2 };
    await importBatches(db, dir, [['2025-10-09', ['BS-CQRCB', 'BS-PSBC'].map((institution) => ({ name: `${institution}.xlsx`, institution, quarter: '2025Q3', templateVersion: 'RV-2026.1', cells: own }))]]);
    for (const u of UNITS) setRegionFact(db, { region: 'bishan', unit: u, fact: 'villages', value: u === '大兴镇' ? 2 : 0, asOf: '2025-01-01', source: '区民政局行政区划统计（2025年）' });
    setRegionFact(db, { region: 'bishan', fact: 'nae', value: 4, asOf: '2025-01-01', source: '区农业农村委新型农业经营主体名录（2025年）' });
    for (const bank of ['BS-CQRCB', 'BS-PSBC']) {
      addCoverage(db, { region: 'bishan', kind: 'villages', unit: '大兴镇', name: '大兴村', institution: bank, asOf: '2025-06-30', source: '各行服务站清单' });
      // Both banks rated the same two entities (by their 统一社会信用代码): 2 of the 4 on the roster.
      for (const code of ['93500227MA00000001', '93500227MA00000002']) addCoverage(db, { region: 'bishan', kind: 'nae', name: `主体${code.slice(-1)}`, code, institution: bank, asOf: '2025-06-30', source: '各行评级清单' });
    }
  });
  afterAll(() => closeContext(ctx));

  it('the indicators listing: each bank shows its own 100%, the district 50% by village with the rule in words', async () => {
    const rows = must(await createHandlers(ctx)['indicators.compute']({ quarter: '2025Q3', region: 'bishan', ids: ['village_coverage', 'nae_rating_coverage'] }, {}));
    const pick = (id: string, scope: string, inst?: string) => rows.find((r) => r.id === id && r.scope === scope && (inst === undefined || r.institution === inst));
    expect(pick('village_coverage', 'institution', 'BS-CQRCB')?.value).toBe(1);
    expect(pick('village_coverage', 'institution', 'BS-PSBC')?.value).toBe(1);
    const region = pick('village_coverage', 'region');
    expect([region?.value, region?.display]).toEqual([0.5, '50.00%']);
    expect(region?.note).toContain('同一村只计一次');
    expect(region?.note).toContain('截至2025-09-30，各镇街行政村数合计 2，已覆盖 1 个（2 条机构记录）');
    // Entities: two, each rated by both banks, of the roster's 4 → 50%, not (2 + 2) / (2 + 2).
    expect(pick('nae_rating_coverage', 'region')?.value).toBe(0.5);
    // The catalogue says so, as data.
    const info = must(await createHandlers(ctx)['indicators.catalogue']({}, {})).find((i) => i.id === 'village_coverage');
    expect(info?.regionNote).toContain('不能相加');
    expect(must(await createHandlers(ctx)['indicators.catalogue']({}, {})).find((i) => i.id === 'agri_loans_bal')?.regionNote).toBeNull();
  });

  it('the figure every chart, the Word draft, the ledger and the scoring read (evaluateIndicator) is the same; a group short of the region has none', () => {
    const q = parseQuarterOrFail('2025Q3');
    const data = loadRegionData(db, 'bishan', q, q);
    const all = data.institutions.map((i) => i.code);
    expect(evaluateIndicator(data, 'village_coverage', '2025Q3', all)).toBe(0.5);
    expect(evaluateIndicator(data, 'village_coverage', '2025Q3', ['BS-CQRCB'])).toBe(1);
    // Two banks of six (a chart's 「其他（n家）」): their counts cannot be added, so no figure.
    expect(evaluateIndicator(data, 'village_coverage', '2025Q3', ['BS-CQRCB', 'BS-PSBC'])).toBeNull();
    // An additive indicator is still the sum.
    expect(evaluateIndicator(data, 'agri_loans_bal', '2025Q3', ['BS-CQRCB', 'BS-PSBC'])).toBe(2 * (evaluateIndicator(data, 'agri_loans_bal', '2025Q3', ['BS-CQRCB']) ?? NaN));
    const stored = schemeForYear(db, 'bishan', 2025, null);
    expect(buildScoringInput(db, 'bishan', 2025, stored.scheme, stored.version).regionValues['village_coverage']).toBe(0.5);
  });

  it('数据来源 of the district figure: coverage over the region facts per 镇街, not the banks’ cells added', async () => {
    const e = must(await createHandlers(ctx)['figure.explain']({ kind: 'indicator', region: 'bishan', quarter: '2025Q3', indicator: 'village_coverage' }, {}));
    expect(e.value).toBe(0.5);
    expect(e.display).toBe('50.00%');
    expect(e.formula).toContain('多家机构覆盖同一行政村只计一次');
    expect(e.facts.map((f) => f.value)).toContain('各镇街行政村数合计 2');
    expect(e.components.find((c) => c.label === '大兴镇')?.display).toBe('50.00%（已覆盖 1 / 2）');
    expect(e.inputs).toEqual([]);
    // A bank's own figure is still traced to its cells.
    const own = must(await createHandlers(ctx)['figure.explain']({ kind: 'indicator', region: 'bishan', quarter: '2025Q3', indicator: 'village_coverage', institution: 'BS-PSBC' }, {}));
    expect(own.value).toBe(1);
    expect(own.inputs.map((i) => i.key).sort()).toEqual(['villages_covered', 'villages_total']);
  });

  it('the CLI listing prints the district row by village', async () => {
    const out = await cli(['indicators', '--db', join(dir, 'rfm.sqlite'), '--quarter', '2025Q3', '--region', 'bishan', '--id', 'village_coverage', '--scope', 'region']);
    expect(out.code).toBe(0);
    expect(out.out).toContain('50.00%');
    expect(out.out).toContain('同一村只计一次');
  });
});
