import { Module } from '@nestjs/common';
import { OrganisationsService } from './application/organisations.service.js';
import { OrganisationFieldsResolver, OrganisationsResolver } from './graphql/organisations.resolver.js';

@Module({ providers: [OrganisationsService, OrganisationsResolver, OrganisationFieldsResolver], exports: [OrganisationsService] })
export class OrganisationsModule {}
