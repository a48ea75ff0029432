import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { QueueName } from '#lib/queue';

registerEnumType(QueueName, { name: 'JobQueue', description: 'A BullMQ queue of the worker.' });

@ObjectType({ description: 'An id found in a job\'s data (`eventId`, `aggregateId`, `payload.placementId`, …). Job data is shown as ids only.' })
export class JobDataIdModel {
  @Field(() => String, { description: 'Dotted path of the id in the job data.' }) key!: string;
  @Field(() => String) value!: string;
}

@ObjectType('FailedJob', { description: 'A job that failed all its attempts. Ids, the first line of the error and times; never the payload. ADMIN only.' })
export class FailedJobModel {
  @Field(() => QueueName) queue!: QueueName;
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The job name (for relayed events: the event type).' }) name!: string;
  @Field(() => String, { description: 'The first line of the last error.' }) failedReason!: string;
  @Field(() => Int) attemptsMade!: number;
  @Field(() => Int) maxAttempts!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) processedAt!: Date | null;
  @Field(() => Date) failedAt!: Date;
  @Field(() => [JobDataIdModel]) dataIds!: JobDataIdModel[];
}
