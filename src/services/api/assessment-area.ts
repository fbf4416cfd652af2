/** The handlers of the indicators / assessment / progress / targets area, joined once into the table. */
import type { RuralAssessmentApi } from '../../api/assessment-contract';
import type { ServiceContext } from './context';
import type { ImplTable } from './wrap';
import { indicatorsHandlers } from './indicators';
import { assessmentHandlers } from './assessment';
import { progressHandlers } from './progress';
import { targetsHandlers } from './targets';

export function assessmentAreaHandlers(ctx: ServiceContext): ImplTable<keyof RuralAssessmentApi> {
  return { ...indicatorsHandlers(ctx), ...assessmentHandlers(ctx), ...progressHandlers(ctx), ...targetsHandlers(ctx) };
}
