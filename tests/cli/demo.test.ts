import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import type { ImportSummary } from '../../src/api/types';
import { closeContext, openContext } from '../../src/services/api/context';
import { createHandlers } from '../../src/services/api/handlers';
import { computeIndicators } from '../../src/services/indicators';

function captureIO(): CliIO & { text: () => string } {
  const lines: string[] = [];
  return { out: (s) => lines.push(s), err: (s) => lines.push(s), text: () => lines.join('\n') };
}

describe('demo: the headless main job', () => {
  it('creates a database, imports the generated sample set and writes the products', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rfm-demo-'));
    const io = captureIO();
    const code = await runCli(['demo', '--out', out, '--years', '2024-2025'], io);
    expect(code, io.text()).toBe(0);

    const manifest = JSON.parse(readFileSync(join(out, '示例报表', 'manifest.json'), 'utf8')) as { files: unknown[] };
    const summary = JSON.parse(readFileSync(join(out, '导入结果.json'), 'utf8')) as ImportSummary;
    // 17 sample institutions × 8 quarters, plus the resubmissions the manifest lists.
    expect(manifest.files.length).toBeGreaterThanOrEqual(17 * 8);
    expect(summary.accepted).toBe(manifest.files.length);
    expect(summary.rejected).toBe(0);

    for (const f of ['报送情况_2025年.xlsx', '考核评估_安康市_2025年.xlsx', '考核评估_璧山区_2025年.xlsx', '金融兴产强县进度表_2025Q4.xlsx', '目标跟踪_2025Q4.xlsx']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const pack = join(out, '报告包_2025Q4');
    expect(readdirSync(pack).some((f) => f.endsWith('.docx'))).toBe(true);
    expect(readdirSync(pack, { recursive: true }).filter((f) => String(f).endsWith('.png')).length).toBeGreaterThan(10);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '报送情况_2025年.xlsx'));
    const sheet = wb.worksheets[0];
    expect(String(sheet?.getCell('A1').value)).toContain('报送情况表');

    // The demo's analyst inputs give every 安康 county a target, so the progress table is complete.
    const ctx = openContext(join(out, 'demo.sqlite'));
    try {
      const h = createHandlers(ctx);
      const progress = await h['progress.table']({ year: 2025, quarter: 4, region: 'ankang' }, {});
      expect(progress.ok).toBe(true);
      if (progress.ok) {
        expect(progress.value.rows).toHaveLength(9);
        expect(progress.value.rows.every((r) => r.target !== null && r.completion !== null)).toBe(true);
      }
      // 2024 on the 2025 form; 2025Q3 every bank on RV-2026.1 (earlier in 2025, a few late adopters keep the old form), 2025Q4 on RV-2026.2.
      const forms = ctx.db
        .prepare(`SELECT quarter, template_version AS version, COUNT(*) AS n FROM submissions WHERE status = 'current' GROUP BY quarter, template_version`)
        .all() as { quarter: string; version: string; n: number }[];
      const versionsOf = (q: string): string[] => forms.filter((f) => f.quarter === q).map((f) => f.version);
      for (const q of ['2024Q1', '2024Q4']) expect(versionsOf(q), q).toEqual(['RV-2025.1']);
      expect(versionsOf('2025Q3')).toEqual(['RV-2026.1']);
      expect(versionsOf('2025Q4')).toEqual(['RV-2026.2']);
      // 璧山（八）: the 2025Q4 reports carry the subsidised loans, judged against half the LPR when lent.
      const subsidy = await h['targets.evaluate']({ region: 'bishan', quarter: '2025Q4' }, {});
      expect(subsidy.ok && subsidy.value.find((t) => t.id === 'bs-subsidy-lpr')?.details.filter((d) => d.met !== null).length).toBeGreaterThan(3);
      expect(versionsOf('2025Q1').sort()).toEqual(['RV-2025.1', 'RV-2026.1']);
      // A figure only the new form carries comes from those reports.
      const rate = computeIndicators(ctx.db, { quarter: '2025Q4', region: 'ankang', ids: ['agri_new_rate'], scopes: ['region'] }).find((r) => r.scope === 'region');
      expect(rate?.value).toBeGreaterThan(0.02);
      expect(rate?.value).toBeLessThan(0.08);
      const integrity = await h['db.integrity']({}, {});
      expect(integrity.ok && integrity.value.ok).toBe(true);
    } finally {
      closeContext(ctx);
    }
    expect(readdirSync(join(out, '示例报表')).filter((f) => f.endsWith('.xlsx')).length).toBe(manifest.files.length);
    // The whole main job (≈150 reports, every product, the pack's charts): a hang guard, not a
    // speed check — it takes ~30 s on an idle 2-core machine and several times that under load.
  }, 600_000);

  it('fails in Chinese without --out', async () => {
    const io = captureIO();
    expect(await runCli(['demo'], io)).toBe(1);
    expect(io.text()).toContain('缺少参数 --out');
  });
});
