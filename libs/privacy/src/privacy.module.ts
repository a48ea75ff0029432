import { Module } from '@nestjs/common';
import { AuditWriterModule } from '#lib/audit';
import { NotificationsCoreModule } from '#lib/notifications';
import { ParticipantsModule } from '#lib/participants';
import { ProposalsModule } from '#lib/proposals';
import { QueueModule } from '#lib/queue';
import { PrivacyService } from './application/privacy.service.js';
import { QueueJanitor } from './application/queue-janitor.js';
import { PrivacyResolver } from './graphql/privacy.resolver.js';
import { RetentionProcessor } from './jobs/retention.processor.js';

const shared = { imports: [ParticipantsModule, ProposalsModule, AuditWriterModule, QueueModule, NotificationsCoreModule], providers: [PrivacyService, QueueJanitor] };

/** The api side: export and erasure on request. */
@Module({ imports: shared.imports, providers: [...shared.providers, PrivacyResolver] })
export class PrivacyModule {}

/** The worker side: the nightly retention job. */
@Module({ imports: shared.imports, providers: [...shared.providers, RetentionProcessor] })
export class PrivacyWorkerModule {}
