import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { rowScopeOf } from '#lib/access';
import { ActorLoader, bearerToken, TokenService } from '#lib/auth';
import type { AppConfig } from '#lib/config';
import { ANSWER_PUBLIC_ROUTE, hideAnswerTokensInRequestLogs } from '#lib/employer-answers';
import { DomainError, ErrorCode } from '#lib/core';
import { installRateLimits, trustProxyOption } from '#lib/limits';
import { createLogger, PinoNestLogger } from '#lib/logging';
import { installOps, OPS_PUBLIC_ROUTES } from '#lib/ops';
import { type QueryCounter, RowScopeHolder, RowScopes } from '#lib/database';
import { QUERY_COUNTER } from '#lib/schema';
import { ApiModule } from './api.module.js';

/**
 * Routes reachable without a token (the answer pages carry their own single-use token). Everything else requires a valid bearer JWT.
 * The operations routes (/metrics, /admin/login|logout, /admin/queues…) check an admin token or the scrape token themselves (libs/ops).
 */
const PUBLIC_ROUTES = [/^\/health(\/|$|\?)/, ANSWER_PUBLIC_ROUTE, ...OPS_PUBLIC_ROUTES];

export async function createApiApp(config: AppConfig, logger: Logger = createLogger(config.logLevel, 'api')): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Larger bodies are answered 413 PAYLOAD_TOO_LARGE (HTTP_BODY_LIMIT_BYTES, 256 KiB by default).
    bodyLimit: config.limits.bodyLimitBytes,
    // Behind a load balancer, the client address (rate limits, logs) comes from X-Forwarded-For (TRUST_PROXY).
    trustProxy: trustProxyOption(config.limits.trustProxy),
    // Answer-link tokens (a signed JWT, ~350 characters) are a path parameter; Fastify's default limit is 100.
    routerOptions: { maxParamLength: 1024 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, logger), adapter, {
    logger: new PinoNestLogger(logger),
  });
  const tokens = app.get(TokenService);
  const actors = app.get(ActorLoader);
  const fastify = app.getHttpAdapter().getInstance();
  hideAnswerTokensInRequestLogs(fastify);
  // Rate limits (libs/limits, counted in Redis across replicas): per client address before authentication, so token
  // guessing is limited too, and per user after it. /health is never limited.
  const rateLimits = await installRateLimits(fastify, { redisUrl: config.redisUrl, keyPrefix: config.queuePrefix, limits: config.limits.rateLimit }, logger);
  // Every request starts with no row access (row-level security) and becomes its caller once authenticated.
  fastify.addHook('onRequest', (_request, _reply, done) => RowScopes.run(new RowScopeHolder(), done));
  fastify.addHook('onRequest', rateLimits.perIp);

  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('x-request-id', request.id);
    if (PUBLIC_ROUTES.some((r) => r.test(request.url))) return;
    try {
      const token = bearerToken(request.headers.authorization);
      if (!token) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'A bearer token is required (Authorization: Bearer <token>)');
      request.actor = await actors.load(await tokens.verify(token));
      RowScopes.become(rowScopeOf(request.actor));
    } catch (err) {
      if (err instanceof DomainError && err.code === ErrorCode.UNAUTHENTICATED) {
        return reply.status(401).send({ data: null, errors: [{ message: err.message, extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
      }
      request.log.warn({ err }, 'authentication failed on an internal error');
      return reply.status(503).send({ data: null, errors: [{ message: 'The service is temporarily unavailable', extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } }] });
    }
  });
  fastify.addHook('onRequest', rateLimits.perUser);
  // Request metrics, GET /metrics, the admin sign-in and the queue dashboard (libs/ops).
  installOps(app);
  if (config.env === 'test') {
    // Test-only diagnostics: SQL statements per request, for the N+1 tests (tests run requests one at a time).
    const counter = app.get<QueryCounter>(QUERY_COUNTER);
    // Everything the request does runs inside its own counting scope (not the api's background polling).
    fastify.addHook('onRequest', (request, _reply, done) => {
      const scope = { count: 0 };
      (request as FastifyRequest & { sqlScope?: { count: number } }).sqlScope = scope;
      counter.scope.run(scope, done);
    });
    fastify.addHook('onSend', async (request, reply) => {
      reply.header('x-sql-statements', String((request as FastifyRequest & { sqlScope?: { count: number } }).sqlScope?.count ?? NaN));
    });
  }
  app.enableShutdownHooks();
  return app;
}
