import { Initial1795333992398 } from './1795333992398-Initial.js';
import { SearchIndex1795400000000 } from './1795400000000-SearchIndex.js';
import { Matching1795500000000 } from './1795500000000-Matching.js';
import { ProposalWorkflow1795600000000 } from './1795600000000-ProposalWorkflow.js';
import { Notifications1795700000000 } from './1795700000000-Notifications.js';
import { EmployerAnswerLinks1795800000000 } from './1795800000000-EmployerAnswerLinks.js';
import { Reminders1795900000000 } from './1795900000000-Reminders.js';
import { Insights1796000000000 } from './1796000000000-Insights.js';
import { AuditLog1796100000000 } from './1796100000000-AuditLog.js';
import { Anonymisation1796200000000 } from './1796200000000-Anonymisation.js';
import { RowLevelSecurity1796300000000 } from './1796300000000-RowLevelSecurity.js';
import { OutboxSweep1796400000000 } from './1796400000000-OutboxSweep.js';

/** Migrations in order; add each new generated migration here. */
export const MIGRATIONS = [Initial1795333992398, SearchIndex1795400000000, Matching1795500000000, ProposalWorkflow1795600000000, Notifications1795700000000, EmployerAnswerLinks1795800000000, Reminders1795900000000, Insights1796000000000, AuditLog1796100000000, Anonymisation1796200000000, RowLevelSecurity1796300000000, OutboxSweep1796400000000];
