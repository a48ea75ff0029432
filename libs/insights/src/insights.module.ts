import { Module } from '@nestjs/common';
import { ParticipantsModule } from '#lib/participants';
import { InsightsService } from './application/insights.service.js';
import { OutcomesService } from './application/outcomes.service.js';
import { InsightsResolver, OutcomesResolver, ParticipantOutcomesField } from './graphql/insights.resolver.js';
import { InsightsRepository } from './persistence/insights.repository.js';
import { ReportsController } from './web/reports.controller.js';

/** KPIs for leaders (GraphQL and CSV) and the participant outcomes they need. */
@Module({
  imports: [ParticipantsModule],
  controllers: [ReportsController],
  providers: [InsightsRepository, InsightsService, OutcomesService, InsightsResolver, OutcomesResolver, ParticipantOutcomesField],
  exports: [InsightsService, OutcomesService],
})
export class InsightsModule {}
