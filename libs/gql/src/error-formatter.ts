import { HttpException } from '@nestjs/common';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Logger } from 'pino';
import { DomainError, ErrorCode } from '#lib/core';

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

/** Maps every error once to a typed `extensions.code`; anything unexpected is logged and masked. */
export function formatGraphQLError(error: GraphQLError, log: Logger): FormattedError {
  const base = { path: error.path, locations: error.locations };
  const original = error.originalError;
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

function isDatabaseUnavailable(err: Error): boolean {
  const code = (err as { code?: string }).code;
  return code === 'ECONNREFUSED' || code === '57P01' || code === '57P03' || /Connection terminated|timeout exceeded when trying to connect/i.test(err.message);
}

/** Mercurius errorFormatter: 200 with typed errors, so clients read `extensions.code`, not HTTP status. */
export function mercuriusErrorFormatter(log: Logger) {
  return (execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>) => ({
    statusCode: 200,
    // Mercurius wraps validation failures in one error holding the individual GraphQLErrors.
    response: {
      data: execution.data ?? null,
      errors: execution.errors
        .flatMap((e) => {
          const inner = (e.originalError ?? e) as { code?: string; errors?: Array<{ message: string; locations?: FormattedError['locations'] }> };
          if (inner.code === 'MER_ERR_GQL_VALIDATION' && Array.isArray(inner.errors)) {
            return inner.errors.map((v) => new GraphQLError(v.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
          }
          return [e];
        })
        .map((e) => formatGraphQLError(e, log)),
    },
  });
}
