/** The explain service (数据来源): any figure the app shows, with the stored inputs it was computed from. */
import type { DB } from '../db/database';
import type { Explanation, FigureRef } from '../../api/explain-types';
import { failure } from '../../domain/result';
import { explainIndicator } from './indicator';
import { explainReports, explainSubmission } from './submission';
import { explainScore, explainScoreGroup } from './score';
import { explainProgress } from './progress';
import { explainTarget } from './target';

export { explainIndicator } from './indicator';
export { reportView, reportDiff } from './report';
export { chartFigures } from './chartFigures';

export function explainFigure(db: DB, ref: FigureRef): Explanation {
  switch (ref.kind) {
    case 'indicator':
      return explainIndicator(db, ref);
    case 'submission':
      return explainSubmission(db, ref);
    case 'reports':
      return explainReports(db, ref);
    case 'score':
      return explainScore(db, ref);
    case 'scoreGroup':
      return explainScoreGroup(db, ref);
    case 'progress':
      return explainProgress(db, ref);
    case 'target':
      return explainTarget(db, ref);
    default:
      throw failure('E_FIGURE_KIND', { kind: String((ref as { kind?: unknown }).kind) });
  }
}
