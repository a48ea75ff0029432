import { Module } from '@nestjs/common';
import { NotificationsCoreModule } from '#lib/notifications';
import { ParticipantsModule } from '#lib/participants';
import { PlacementsModule } from '#lib/placements';
import { CandidateCards } from './application/candidate-card.js';
import { ProposalsService } from './application/proposals.service.js';
import { EmployerLedgerService } from './application/employer-ledger.service.js';
import { PlacementRequestService } from './application/placement-request.service.js';
import { EmployerLedgerResolver, PlacementRequestResolver, ProposalsResolver } from './graphql/proposals.resolver.js';

/** The placement process: proposals, agreements, follow-ups, evaluations, and the employer ledger. */
@Module({
  imports: [ParticipantsModule, PlacementsModule, NotificationsCoreModule],
  providers: [ProposalsService, CandidateCards, EmployerLedgerService, PlacementRequestService, ProposalsResolver, PlacementRequestResolver, EmployerLedgerResolver],
  exports: [ProposalsService, CandidateCards, EmployerLedgerService],
})
export class ProposalsModule {}
