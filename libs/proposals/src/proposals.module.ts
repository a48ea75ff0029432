import { Module } from '@nestjs/common';
import { ParticipantsModule } from '#lib/participants';
import { PlacementsModule } from '#lib/placements';
import { CandidateCards } from './application/candidate-card.js';
import { ProposalsService } from './application/proposals.service.js';
import { EmployerLedgerService } from './application/employer-ledger.service.js';
import { EmployerLedgerResolver, ProposalsResolver } from './graphql/proposals.resolver.js';

/** The placement process: proposals, agreements, follow-ups, evaluations, and the employer ledger. */
@Module({
  imports: [ParticipantsModule, PlacementsModule],
  providers: [ProposalsService, CandidateCards, EmployerLedgerService, ProposalsResolver, EmployerLedgerResolver],
  exports: [ProposalsService, CandidateCards, EmployerLedgerService],
})
export class ProposalsModule {}
