import { Module } from '@nestjs/common';
import { ParticipantsModule } from '#lib/participants';
import { AuditService } from './application/audit.service.js';
import { AuditWriter } from './application/audit-writer.js';
import { AuditResolver } from './graphql/audit.resolver.js';

@Module({ imports: [ParticipantsModule], providers: [AuditWriter, AuditService, AuditResolver], exports: [AuditWriter, AuditService] })
export class AuditModule {}

/** Only the writer: what the GraphQL driver needs to flush each request's reads. */
@Module({ providers: [AuditWriter], exports: [AuditWriter] })
export class AuditWriterModule {}
