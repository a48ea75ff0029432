import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DocumentNode, GraphQLError } from 'graphql';
import { type OperationLabel, operationLabel } from './graphql-operation.js';
import { OpsMetrics } from './ops-metrics.js';

export interface GraphqlRequestState extends OperationLabel {
  outcome: 'ok' | 'error';
}

/** The operation each GraphQL request executed, read by the onResponse hook that observes the duration. */
export const graphqlRequests = new WeakMap<FastifyRequest, GraphqlRequestState>();

interface MercuriusHooks {
  addHook(name: 'preExecution', hook: (schema: unknown, document: DocumentNode, context: { reply?: { request: FastifyRequest } }) => Promise<void>): void;
  addHook(name: 'onResolution', hook: (execution: { errors?: readonly GraphQLError[] }, context: { reply?: { request: FastifyRequest } }) => Promise<void>): void;
}

/** Labels GraphQL requests by root field through Mercurius hooks (registered once Mercurius is, at bootstrap). */
@Injectable()
export class GraphqlMetricsHooks implements OnApplicationBootstrap {
  private readonly log = new Logger(GraphqlMetricsHooks.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: OpsMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance & { graphql?: MercuriusHooks }>();
    if (!fastify?.graphql) {
      this.log.warn('Mercurius is not registered: GraphQL operations are not labelled in the metrics');
      return;
    }
    fastify.graphql.addHook('preExecution', async (_schema, document, context) => {
      const request = context.reply?.request;
      if (!request) return;
      const operationName = (request.body as { operationName?: unknown } | undefined)?.operationName ?? (request.query as { operationName?: unknown } | undefined)?.operationName;
      const label = operationLabel(document, typeof operationName === 'string' ? operationName : null);
      if (!label) return;
      graphqlRequests.set(request, { ...label, outcome: 'ok' });
      for (const field of label.rootFields) this.metrics.graphqlRootFields.inc({ type: label.type, field });
    });
    fastify.graphql.addHook('onResolution', async (execution, context) => {
      const request = context.reply?.request;
      const state = request && graphqlRequests.get(request);
      if (state && execution.errors?.length) state.outcome = 'error';
    });
  }
}
