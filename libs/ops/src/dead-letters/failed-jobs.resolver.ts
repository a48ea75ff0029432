import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#lib/access';
import { CurrentActor } from '#lib/gql';
import { QueueName } from '#lib/queue';
import { FailedJobModel } from './failed-job.model.js';
import { FailedJobs } from './failed-jobs.service.js';

@Resolver(() => FailedJobModel)
export class FailedJobsResolver {
  constructor(private readonly failed: FailedJobs) {}

  @Query(() => [FailedJobModel], { description: 'Jobs that failed all their attempts, newest first, in one queue or all. ADMIN only.' })
  failedJobs(
    @CurrentActor() actor: Actor,
    @Args('queue', { type: () => QueueName, nullable: true }) queue: QueueName | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
  ) {
    return this.failed.list(actor, queue ?? null, first);
  }

  @Mutation(() => Boolean, { description: 'Gives a failed job a fresh round of attempts. NOT_FOUND unless it exists and has failed. ADMIN only.' })
  retryFailedJob(@CurrentActor() actor: Actor, @Args('queue', { type: () => QueueName }) queue: QueueName, @Args('jobId', { type: () => ID }) jobId: string) {
    return this.failed.retry(actor, queue, jobId);
  }

  @Mutation(() => Int, { description: 'Retries every failed job of a queue; returns how many were failed. ADMIN only.' })
  retryAllFailedJobs(@CurrentActor() actor: Actor, @Args('queue', { type: () => QueueName }) queue: QueueName) {
    return this.failed.retryAll(actor, queue);
  }
}
