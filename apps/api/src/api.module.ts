import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AccessModule, type Actor } from '#lib/access';
import { AuditModule, AuditWriter, AuditWriterModule, parsePurpose, ReadCollector } from '#lib/audit';
import { AuthModule } from '#lib/auth';
import { type AppConfig, ConfigModule } from '#lib/config';
import { EmployerAnswersModule } from '#lib/employer-answers';
import { EmployersModule } from '#lib/employers';
import { InsightsModule } from '#lib/insights';
import { costLimitHook, graphqlLimitOptions } from '#lib/limits';
import { MatchingModule } from '#lib/matching';
import { assertStorableInput, type GqlContext, mercuriusErrorFormatter, RequestLoaders } from '#lib/gql';
import { NotificationsModule } from '#lib/notifications';
import { OpsModule } from '#lib/ops';
import { OrganisationsModule } from '#lib/organisations';
import { OutboxModule } from '#lib/outbox';
import { ParticipantsModule } from '#lib/participants';
import { PlacementsModule } from '#lib/placements';
import { PrivacyModule } from '#lib/privacy';
import { RemindersModule } from '#lib/reminders';
import { ProposalsModule } from '#lib/proposals';
import { DatabaseModule } from '#lib/schema';
import { SearchModule } from '#lib/search';
import { OccupationsModule } from '#lib/occupations';
import { HealthController } from './health/health.controller.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/** Composition root of the api: wires domain modules, GraphQL driver and context. No business rules here. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ servesCallers: true }),
        AccessModule,
        AuthModule,
        OutboxModule,
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          imports: [AuditWriterModule],
          inject: [AuditWriter],
          useFactory: (audit: AuditWriter): MercuriusDriverConfig => {
            const costLimit = costLimitHook(config.limits.graphql);
            return {
            autoSchemaFile: true,
            sortSchema: true,
            path: '/graphql',
            graphiql: config.env === 'development',
            // Depth, aliases, tokens, introspection, suggestions, no batching: rejected before execution (libs/limits).
            ...graphqlLimitOptions(config.limits.graphql),
            // The request was authenticated by the onRequest hook before GraphQL ever sees it.
            context: (request: FastifyRequest): GqlContext => ({
              actor: request.actor!,
              loaders: new RequestLoaders(),
              requestId: String(request.id),
              audit: new ReadCollector(),
              purpose: parsePurpose(request.headers['x-purpose']),
            }),
            // One audit entry per request and view, written before the response leaves.
            hooks: {
              onResolution: async (_execution, context) => {
                const ctx = context as unknown as GqlContext;
                if (ctx.audit instanceof ReadCollector) await audit.recordReads(ctx.actor, ctx.requestId, ctx.purpose ?? null, ctx.audit.drain());
              },
              // The estimated cost with this request's variables, before anything executes.
              preExecution: async (schema, document, context, variables) => {
                assertStorableInput(document, variables);
                return costLimit(schema, document, context, variables);
              },
            },
            errorFormatter: mercuriusErrorFormatter(logger, {
              hideSuggestions: !config.limits.graphql.suggestions,
              bodyLimitBytes: config.limits.bodyLimitBytes,
            }) as unknown as MercuriusDriverConfig['errorFormatter'],
            };
          },
        }),
        AuditModule,
        PrivacyModule,
        RemindersModule,
        OrganisationsModule,
        EmployersModule,
        PlacementsModule,
        ParticipantsModule,
        OccupationsModule,
        SearchModule,
        MatchingModule,
        ProposalsModule,
        EmployerAnswersModule,
        NotificationsModule,
        InsightsModule,
        OpsModule,
      ],
      controllers: [HealthController],
    };
  }
}
