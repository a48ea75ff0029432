import { Module } from '@nestjs/common';
import { OrganisationsModule } from '#lib/organisations';
import { EmployersService } from './application/employers.service.js';
import { EmployersResolver } from './graphql/employers.resolver.js';

@Module({ imports: [OrganisationsModule], providers: [EmployersService, EmployersResolver], exports: [EmployersService] })
export class EmployersModule {}
