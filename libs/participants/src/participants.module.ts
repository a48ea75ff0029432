import { Module } from '@nestjs/common';
import { OrganisationsModule } from '#lib/organisations';
import { ParticipantsService } from './application/participants.service.js';
import { ParticipantFullResolver, ParticipantsResolver } from './graphql/participants.resolver.js';

@Module({ imports: [OrganisationsModule], providers: [ParticipantsService, ParticipantsResolver, ParticipantFullResolver], exports: [ParticipantsService] })
export class ParticipantsModule {}
