import { Module } from '@nestjs/common';
import { EmployersModule } from '#lib/employers';
import { OrganisationsModule } from '#lib/organisations';
import { PlacementsService } from './application/placements.service.js';
import { EmployerPlacementsResolver, PlacementsResolver } from './graphql/placements.resolver.js';

@Module({ imports: [EmployersModule, OrganisationsModule], providers: [PlacementsService, PlacementsResolver, EmployerPlacementsResolver], exports: [PlacementsService] })
export class PlacementsModule {}
