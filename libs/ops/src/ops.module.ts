import { Module } from '@nestjs/common';
import { QueueModule } from '#lib/queue';
import { AdminAuthenticator } from './auth/admin-authenticator.js';
import { FailedJobsResolver } from './dead-letters/failed-jobs.resolver.js';
import { FailedJobs } from './dead-letters/failed-jobs.service.js';
import { GraphqlMetricsHooks } from './metrics/graphql-metrics.hooks.js';
import { OpsMetrics } from './metrics/ops-metrics.js';
import { ShutdownState } from './shutdown/shutdown-state.js';
import { WorkerOps } from './worker/worker-ops.js';

/**
 * The api side of operations: Prometheus metrics, the admin gate for /metrics and the queue dashboard (mounted by
 * `installOps(app)` in the bootstrap), the generic dead-letter view over every queue, and the shutdown/readiness state.
 */
@Module({
  imports: [QueueModule],
  providers: [OpsMetrics, GraphqlMetricsHooks, AdminAuthenticator, FailedJobs, FailedJobsResolver, ShutdownState],
  exports: [OpsMetrics, AdminAuthenticator, ShutdownState],
})
export class OpsModule {}

/** The worker side: job counters for the api's /metrics, and closing BullMQ workers before anything else on SIGTERM. */
@Module({ providers: [WorkerOps] })
export class OpsWorkerModule {}
