/** The commands of the indicators / assessment / progress / targets area. */
import type { CommandDef } from '../command';
import { indicatorsCommand } from './indicators';
import { qualitativeCommand, schemeCommand, scoreCommand } from './assessment';
import { progressCommand } from './progress';
import { targetsCommand } from './targets';

export const ASSESSMENT_COMMANDS: CommandDef[] = [indicatorsCommand, scoreCommand, schemeCommand, qualitativeCommand, progressCommand, targetsCommand];
