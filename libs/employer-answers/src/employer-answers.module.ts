import { Module } from '@nestjs/common';
import { ProposalsModule } from '#lib/proposals';
import { AnswerLinkConsumer } from './application/answer-link-consumer.js';
import { EmployerAnswers } from './application/employer-answers.service.js';
import { EmployerAnswerLinksModule } from './employer-answer-links.module.js';
import { EmployerAnswerLinkResolver } from './graphql/employer-answer-link.resolver.js';
import { AnswerViewRepository } from './persistence/answer-view.repository.js';
import { EmployerAnswerController } from './web/employer-answer.controller.js';

/** The api side: the public answer page (GET/POST /answer/:token) and the staff mutation that issues links. */
@Module({
  imports: [EmployerAnswerLinksModule, ProposalsModule],
  controllers: [EmployerAnswerController],
  providers: [EmployerAnswers, AnswerLinkConsumer, AnswerViewRepository, EmployerAnswerLinkResolver],
})
export class EmployerAnswersModule {}
