import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from '#lib/auth';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { ErrorCode } from '#lib/core';
import { QueueName } from '#lib/queue';
import { type AdminCheck, AdminAuthenticator } from '../auth/admin-authenticator.js';
import { ADMIN_COOKIE, adminCookie, clearedAdminCookie, readCookie } from '../auth/credentials.js';
import { graphqlRequests } from '../metrics/graphql-metrics.hooks.js';
import { OpsMetrics } from '../metrics/ops-metrics.js';
import { ShutdownState } from '../shutdown/shutdown-state.js';
import { ADMIN_PAGE_HEADERS, loginPage, refusedPage } from './admin-pages.js';

export const METRICS_PATH = '/metrics';
export const DASHBOARD_PATH = '/admin/queues';
const GRAPHQL_PATH = '/graphql';

/**
 * Routes the api's bearer-token hook lets through because they authenticate themselves: /metrics (scrape token or
 * an admin's bearer token), /admin/login and /admin/logout (they take the token), and /admin/queues (admin session
 * cookie or bearer token, checked by a hook on every route of the dashboard, static files and 404s included).
 */
export const OPS_PUBLIC_ROUTES: readonly RegExp[] = [/^\/metrics(\?|$)/, /^\/admin\/(login|logout)(\?|$)/, /^\/admin\/queues(\/|\?|$)/];

const redactToken = (url: string) => url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');

function refuse(request: FastifyRequest, reply: FastifyReply, check: Exclude<AdminCheck, { ok: true }>): FastifyReply {
  if ((request.headers.accept ?? '').includes('text/html')) {
    return reply.status(check.status).headers(ADMIN_PAGE_HEADERS).send(refusedPage(check.status, check.message));
  }
  return reply.status(check.status).header('cache-control', 'no-store').send({ data: null, errors: [{ message: check.message, extensions: { code: check.code } }] });
}

/** A browser request that carries the session cookie but comes from another site (CSRF) — never acted on. */
function crossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

/**
 * Mounts the operations endpoints on the api's Fastify instance: request metrics hooks, GET /metrics, the admin sign-in
 * and the bull-board queue dashboard. Call from the api bootstrap before it listens (after `NestFactory.create`).
 */
export function installOps(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const metrics = app.get(OpsMetrics);
  const auth = app.get(AdminAuthenticator);
  const config = app.get<AppConfig>(APP_CONFIG);
  const secureCookie = config.env === 'production' || config.publicUrl.startsWith('https:');

  // Once draining, every response closes its connection: keep-alive clients (load balancers) reconnect to another
  // replica, and the server's close() is not held up by connections that only turn idle after it began.
  const shutdown = app.get(ShutdownState);
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (shutdown.draining) reply.header('connection', 'close');
    done(null, payload);
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, seconds);
    if (route === GRAPHQL_PATH) {
      const op = graphqlRequests.get(request);
      metrics.graphqlDuration.observe({ operation: op?.operation ?? 'invalid', type: op?.type ?? 'none', outcome: op?.outcome ?? 'error' }, seconds);
    }
    done();
  });

  fastify.get(METRICS_PATH, async (request, reply) => {
    const check = await auth.scraper(bearerToken(request.headers.authorization));
    if (!check.ok) return refuse(request, reply, check);
    const { contentType, body } = await metrics.render();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });

  // Sign-in for browsers, which cannot send a bearer header: the admin's token goes into an HttpOnly, SameSite=Strict
  // cookie for /admin only, living no longer than the token. Every dashboard request verifies it again (role and
  // deactivation read fresh from the database), so there is no session state to share between api replicas.
  const login = async (token: string | null, request: FastifyRequest, reply: FastifyReply) => {
    if (!token) return reply.status(200).headers(ADMIN_PAGE_HEADERS).send(loginPage());
    const check = await auth.admin(token);
    if (!check.ok) return reply.status(check.status).headers(ADMIN_PAGE_HEADERS).send(loginPage(check.message));
    request.log.info({ adminId: check.actor?.userId }, 'admin dashboard sign-in');
    return reply
      .status(303)
      .headers(ADMIN_PAGE_HEADERS)
      .header('set-cookie', adminCookie(token, { maxAgeSeconds: auth.secondsLeft(token), secure: secureCookie }))
      .header('location', `${DASHBOARD_PATH}/`)
      .send();
  };
  const loginLogSerializers = {
    req: (req: FastifyRequest) => ({ method: req.method, url: redactToken(req.url), host: req.host, remoteAddress: req.ip }),
  };
  fastify.get('/admin/login', { logSerializers: loginLogSerializers }, async (request, reply) => {
    const token = (request.query as { token?: unknown }).token;
    return login(typeof token === 'string' && token ? token : null, request, reply);
  });
  fastify.post('/admin/login', { logSerializers: loginLogSerializers }, async (request, reply) => {
    if (crossSite(request)) return reply.status(403).headers(ADMIN_PAGE_HEADERS).send(loginPage('Sign-in from another site is refused'));
    const token = (request.body as { token?: unknown } | undefined)?.token;
    return login(typeof token === 'string' && token ? token.trim() : null, request, reply);
  });
  const logout = async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.status(303).headers(ADMIN_PAGE_HEADERS).header('set-cookie', clearedAdminCookie(secureCookie)).header('location', '/admin/login').send();
  fastify.get('/admin/logout', logout);
  fastify.post('/admin/logout', logout);

  // The dashboard lives in its own encapsulated context, so this hook guards every one of its routes.
  const board = new BullBoardFastifyAdapter();
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }))),
    // @bull-board/fastify pins its own @bull-board/api patch version, whose IServerAdapter type differs only nominally.
    serverAdapter: board as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'Praksisbro queues' } },
  });
  board.setBasePath(DASHBOARD_PATH);
  const guardedDashboard = async (dashboard: FastifyInstance) => {
    dashboard.addHook('onRequest', async (request, reply) => {
      const header = bearerToken(request.headers.authorization);
      const cookie = header ? null : readCookie(request.headers.cookie, ADMIN_COOKIE);
      const check = await auth.admin(header ?? cookie);
      if (!check.ok) return refuse(request, reply, check);
      if (cookie && request.method !== 'GET' && request.method !== 'HEAD' && crossSite(request)) {
        return refuse(request, reply, { ok: false, status: 403, code: ErrorCode.FORBIDDEN, message: 'Cross-site requests to the dashboard are refused' });
      }
      reply.header('cache-control', 'no-store').header('x-frame-options', 'DENY').header('referrer-policy', 'same-origin');
    });
    // Unknown dashboard paths get a 404 from this context, after the admin check (never the api's bearer-only 401).
    dashboard.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: 'Not Found', statusCode: 404 }));
    await dashboard.register(board.registerPlugin() as never);
  };
  void fastify.register(guardedDashboard, { prefix: DASHBOARD_PATH });
}
