/** The contract of the indicators, assessment, progress and targets areas (joined into Api in contract.ts). */
import type { IndicatorInfo, IndicatorRow, IndicatorScope } from './assessment-types';

export interface IndicatorsApi {
  'indicators.catalogue': { args: Record<string, never>; result: IndicatorInfo[] };
  'indicators.compute': {
    args: { quarter: string; region?: string; ids?: string[]; scopes?: IndicatorScope[] };
    result: IndicatorRow[];
  };
}
