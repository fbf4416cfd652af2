/** Handlers of the assessment (考核评估) area. */
import { writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { AssessmentApi } from '../../api/assessment-contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { defaultSchemeId, exportScheme, getScheme, importScheme, saveSchemeVersion, listQualitative, listSchemes, scoreRegionYear, setQualitative, whatIfWeights } from '../assessment';
import { exportScores } from '../assessment/export';
import { exportQualitativeGrid, importQualitativeGrid, qualitativeGrid } from '../assessment/qualitativeGrid';
import { regionOrFail } from './registry';
import { backupBeforeDestructive } from '../backup/backup';
import { readRegularText } from '../files/inputs';
import { requireReportsInYear } from '../data/reportsPresent';

function regionName(ctx: ServiceContext, code: string): string {
  return (ctx.db.prepare('SELECT name FROM regions WHERE code = ?').get(code) as { name: string } | undefined)?.name ?? code;
}

export function assessmentHandlers(ctx: ServiceContext): ImplTable<keyof AssessmentApi> {
  return {
    'assessment.schemes': (a) => listSchemes(ctx.db, a.region ? regionOrFail(ctx, a.region) : undefined),
    'assessment.scheme': (a) => {
      const s = getScheme(ctx.db, a.id, a.version ?? null);
      return { scheme: s.scheme, version: s.version };
    },
    'assessment.exportScheme': (a) => {
      const id = a.id ?? defaultSchemeId(regionOrFail(ctx, a.region ?? 'ankang'));
      const e = exportScheme(ctx.db, id, a.version ?? null);
      const path = resolve(a.out);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, e.json, 'utf8');
      return { path, id: e.id, version: e.version };
    },
    'assessment.importScheme': (a) => {
      // A regular file of at most 5 MB (a scheme is a few KB): a FIFO or /dev/zero is refused unopened.
      const text = readRegularText(a.path, { what: '方案文件', maxBytes: 5 * 1024 * 1024 });
      // A scheme change alters every score computed after it: the state before it is kept.
      backupBeforeDestructive(ctx, `更换考核方案前-${basename(a.path)}`);
      return importScheme(ctx.db, text, basename(a.path));
    },
    // A new version beside the old ones (nothing is overwritten, the old stays pickable): no backup needed.
    'assessment.saveScheme': (a) => saveSchemeVersion(ctx.db, a),
    'assessment.score': (a) => scoreRegionYear(ctx.db, { region: regionOrFail(ctx, a.region), year: a.year, ...(a.scheme ? { scheme: a.scheme } : {}), ...(a.save === false ? { save: false } : {}) }),
    'assessment.whatIf': (a) => whatIfWeights(ctx.db, { region: regionOrFail(ctx, a.region), year: a.year, weights: a.weights, ...(a.scheme ? { scheme: a.scheme } : {}) }),
    'assessment.exportScores': async (a) => {
      const region = regionOrFail(ctx, a.region);
      requireReportsInYear(ctx.db, region, a.year, '考核评估结果');
      const result = scoreRegionYear(ctx.db, { region, year: a.year, ...(a.scheme ? { scheme: a.scheme } : {}) });
      const path = await exportScores(resolve(a.out), result, regionName(ctx, region));
      return { path, result };
    },
    'assessment.qualitative': (a) => listQualitative(ctx.db, regionOrFail(ctx, a.region), a.year),
    'assessment.setQualitative': (a) => setQualitative(ctx.db, a),
    'assessment.setQualitativeMany': (a) => ctx.db.transaction(() => a.entries.map((e) => setQualitative(ctx.db, e)))(),
    'assessment.qualitativeGrid': (a) => qualitativeGrid(ctx.db, regionOrFail(ctx, a.region), a.year),
    'assessment.exportQualitativeGrid': (a) => {
      const region = regionOrFail(ctx, a.region);
      return exportQualitativeGrid(ctx.db, resolve(a.out), region, regionName(ctx, region), a.year, a.blank === true);
    },
    'assessment.importQualitativeGrid': (a) => importQualitativeGrid(ctx.db, a.path, regionOrFail(ctx, a.region), a.year, a.dryRun === true),
  };
}
