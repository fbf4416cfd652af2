/** Every CLI command. An area adds its commands here. */
import type { CommandDef } from '../command';
import { ASSESSMENT_COMMANDS } from './assessment-area';
import { fieldsCommand, initCommand, institutionsCommand, integrityCommand, rulesCommand } from './registry';
import { sampleCommand, templateCommand } from './template';
import { backupCommand, backupsCommand, restoreCommand } from './backup';
import { demoCommand } from './demo';
import { batchesCommand, dumpCommand, historyCommand, importCommand, rollbackCommand, statusCommand } from './import';
import { chartCommand, packCommand } from './charts';
import { explainCommand } from './explain';
import { ledgerCommand } from './ledger';
import { coverageCommand } from './coverage';
import { pricingCommand } from './pricing';
import { calendarCommand, deadlinesCommand } from './calendar';
import { historyImportCommand, targetPriorCommand } from './history';
import { textsCommand } from './texts';
import { chaseCommand, returnsCommand } from './returns';

export const COMMANDS: CommandDef[] = [initCommand, fieldsCommand, rulesCommand, institutionsCommand, integrityCommand, templateCommand, sampleCommand, backupCommand, backupsCommand, restoreCommand, ...ASSESSMENT_COMMANDS];
COMMANDS.push(importCommand, historyImportCommand, targetPriorCommand, statusCommand, dumpCommand, historyCommand, rollbackCommand, batchesCommand, deadlinesCommand, calendarCommand);
COMMANDS.push(chartCommand, packCommand);
COMMANDS.push(explainCommand);
COMMANDS.push(ledgerCommand, coverageCommand, pricingCommand);
COMMANDS.push(textsCommand, returnsCommand, chaseCommand);
COMMANDS.push(demoCommand);
