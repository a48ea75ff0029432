import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The answer pages are public: the single-use token in the path is their credential (for the api's auth allow-list). */
export const ANSWER_PUBLIC_ROUTE = /^\/answer\/[^/?#]+(\?|$)/;

const TOKEN_IN_PATH = /^(\/answer\/)[^/?#]+/;

export function redactAnswerToken(url: string): string {
  return url.replace(TOKEN_IN_PATH, '$1[redacted]');
}

/**
 * The token is a credential, so the request log of the answer routes shows the path without it.
 * Call before the app initialises (routes are registered at init).
 */
export function hideAnswerTokensInRequestLogs(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/answer/')) return;
    route.logSerializers = {
      ...route.logSerializers,
      req: (req: FastifyRequest) => ({ method: req.method, url: redactAnswerToken(req.url), host: req.host, remoteAddress: req.ip }),
    };
  });
}
