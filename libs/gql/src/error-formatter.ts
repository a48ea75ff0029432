import { HttpException } from '@nestjs/common';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Logger } from 'pino';
import { DomainError, ErrorCode } from '#lib/core';
import { LimitErrorCode, toLimitError, withoutSuggestions } from '#lib/limits';

interface FormattedError {
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions: Record<string, unknown>;
}

const HTTP_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
};

export interface ErrorFormatterOptions {
  /** Strip graphql-js's "Did you mean …?" hints from every message (GRAPHQL_FIELD_SUGGESTIONS=false). */
  readonly hideSuggestions?: boolean;
  /** HTTP_BODY_LIMIT_BYTES, named in the 413 answer. */
  readonly bodyLimitBytes?: number;
}

const LIMIT_CODES = new Set<unknown>(Object.values(LimitErrorCode));

/** Maps every error once to a typed `extensions.code`; anything unexpected is logged and masked. */
export function formatGraphQLError(error: GraphQLError, log: Logger): FormattedError {
  const base = { path: error.path, locations: error.locations };
  const original = error.originalError;
  if (!original && LIMIT_CODES.has(error.extensions?.code)) {
    // Abuse-resistance limits (libs/limits): typed by the code that raised them, with their details.
    return { ...base, message: error.message, extensions: { ...error.extensions } };
  }
  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  if (original instanceof HttpException && HTTP_CODES[original.getStatus()]) {
    return { ...base, message: original.message, extensions: { code: HTTP_CODES[original.getStatus()] } };
  }
  const status = (original as { statusCode?: number } | undefined)?.statusCode;
  if (status && status >= 400 && status < 500) {
    // Mercurius/Fastify rejected the request itself (no query, body not JSON): the client's mistake.
    return { ...base, message: original!.message, extensions: { code: 'BAD_REQUEST' } };
  }
  if (!original || original instanceof GraphQLError) {
    if (error.message.startsWith('Syntax Error')) return { ...base, message: error.message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    // Parse/validation/coercion errors come from graphql-js itself: the client sent a bad document or variables.
    const isInput = /Variable|Expected|got invalid value|Unknown argument|required type|cannot represent|Int cannot|Float cannot/i.test(error.message);
    return {
      ...base,
      message: error.message,
      extensions: { code: isInput ? ErrorCode.BAD_USER_INPUT : ((error.extensions?.code as string | undefined) ?? 'GRAPHQL_VALIDATION_FAILED') },
    };
  }
  if (isDatabaseUnavailable(original)) {
    log.warn({ err: original }, 'database unavailable');
    return { ...base, message: 'The service is temporarily unavailable, try again shortly', extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
  }
  log.error({ err: original, path: error.path }, 'internal error in resolver');
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Connection-level failures (PostgreSQL down or restarting, a connection dropped mid-transaction): retryable, not a bug. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_ERRORS = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

function isDatabaseUnavailable(err: Error): boolean {
  const code = (err as { code?: string }).code;
  return (
    (code !== undefined && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) ||
    UNAVAILABLE_ERRORS.has(err.name) ||
    /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed/i.test(err.message)
  );
}

/**
 * Mercurius errorFormatter: 200 with typed errors, so clients read `extensions.code`, not HTTP status.
 * The one exception is a body over the size limit: 413 with PAYLOAD_TOO_LARGE (rate limits answer 429 before this).
 */
export function mercuriusErrorFormatter(log: Logger, options: ErrorFormatterOptions = {}) {
  return (execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>) => {
    const errors = execution.errors
      .flatMap((e) => {
        const inner = (e.originalError ?? e) as { code?: string; errors?: Array<{ message: string; code?: string; validationContext?: string; extensions?: Record<string, unknown> }> };
        // Mercurius wraps validation failures in one error holding the individual GraphQLErrors.
        if (inner.code === 'MER_ERR_GQL_VALIDATION' && Array.isArray(inner.errors)) {
          return inner.errors.map((v) => {
            if (v.validationContext === 'body' && /must be object/.test(v.message)) {
              return new GraphQLError('The request body must be one JSON object with a query: batched queries (a JSON array of operations) are not accepted', { extensions: { code: 'BAD_REQUEST' } });
            }
            return toLimitError(v) ?? new GraphQLError(v.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
          });
        }
        if (inner.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
          const limit = options.bodyLimitBytes ? ` of ${options.bodyLimitBytes} bytes` : '';
          return [new GraphQLError(`The request body is larger than the limit${limit}`, { extensions: { code: LimitErrorCode.PAYLOAD_TOO_LARGE, ...(options.bodyLimitBytes ? { maximumBytes: options.bodyLimitBytes } : {}) } })];
        }
        return [e];
      })
      .map((e) => formatGraphQLError(e, log))
      .map((f) => (options.hideSuggestions ? { ...f, message: withoutSuggestions(f.message) } : f));
    return {
      statusCode: errors.some((f) => f.extensions.code === LimitErrorCode.PAYLOAD_TOO_LARGE) ? 413 : 200,
      response: { data: execution.data ?? null, errors },
    };
  };
}
