import { Args, Field, ID, InputType, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#lib/access';
import { ValidationError } from '#lib/core';
import { CurrentActor } from '#lib/gql';
import { AuditService } from '../application/audit.service.js';

@ObjectType({ description: 'Who saw or changed personal data, when, through which operation and why.' })
export class AuditEntry {
  @Field(() => Date) occurredAt!: Date;
  @Field(() => String, { description: 'READ, CHANGE, EXPORT or ERASURE' }) kind!: string;
  @Field(() => ID, { nullable: true }) actorId!: string | null;
  @Field(() => String, { nullable: true }) actorRole!: string | null;
  @Field(() => ID, { nullable: true }) organisationId!: string | null;
  @Field(() => String, { description: 'The GraphQL field, or the event type for changes.' }) operation!: string;
  @Field(() => String) purpose!: string;
  @Field(() => String, { nullable: true, description: 'FULL, MATCHING or CARD for reads.' }) view!: string | null;
  @Field(() => Int, { description: 'Participants covered by this entry (a list read is one entry).' }) participantCount!: number;
}

@InputType()
export class AuditFilterInput {
  @Field(() => ID, { nullable: true }) participantId?: string | null;
  @Field(() => ID, { nullable: true }) actorId?: string | null;
  @Field(() => Date, { nullable: true }) from?: Date | null;
  @Field(() => Date, { nullable: true }) to?: Date | null;
}

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => [AuditEntry], { description: 'The audit log of personal data (administrators).' })
  auditLog(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => AuditFilterInput, nullable: true }) filter: AuditFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first: number,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 1000) throw ValidationError.field('first', 'must be an integer between 1 and 1000');
    return this.audit.query(actor, filter ?? {}, first);
  }

  @Query(() => [AuditEntry], { description: 'Every read and change of one participant’s data, newest first: for the participant’s own export.' })
  participantAccessHistory(@CurrentActor() actor: Actor, @Args('participantId', { type: () => ID }) participantId: string) {
    return this.audit.accessHistory(actor, participantId);
  }
}
