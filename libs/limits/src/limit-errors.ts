import { GraphQLError } from 'graphql';

/** `extensions.code` of the abuse-resistance errors (see README, "Abuse resistance"). */
export const LimitErrorCode = {
  /** A document over one of the GraphQL limits; `extensions.limit` says which, with `maximum` (and `actual` where known). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** HTTP 429: too many requests per client address or per user; `extensions.retryAfterSeconds`, and a Retry-After header. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** HTTP 413: the request body is larger than HTTP_BODY_LIMIT_BYTES. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
} as const;

/** Which GraphQL limit a QUERY_TOO_COMPLEX error is about. */
export type GraphQLLimit = 'DEPTH' | 'COST' | 'ALIASES' | 'TOKENS';

export interface LimitExtensions {
  readonly code: typeof LimitErrorCode.QUERY_TOO_COMPLEX;
  readonly limit: GraphQLLimit;
  readonly maximum: number;
  readonly actual?: number;
  readonly [key: string]: unknown;
}

export function queryTooComplex(limit: GraphQLLimit, message: string, maximum: number, actual?: number): GraphQLError {
  const extensions: LimitExtensions = { code: LimitErrorCode.QUERY_TOO_COMPLEX, limit, maximum, ...(actual === undefined ? {} : { actual }) };
  return new GraphQLError(message, { extensions });
}

export function isLimitError(error: { extensions?: Record<string, unknown> } | undefined): boolean {
  return error?.extensions?.code === LimitErrorCode.QUERY_TOO_COMPLEX;
}

const DEPTH = /depth \((\d+|Infinity)\) exceeds the query depth limit of (\d+)/;
const TOKENS = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/**
 * Mercurius reports its own limits in its own words: the depth limit (`MER_ERR_GQL_QUERY_DEPTH`, after validation) and
 * graphql-js's `maxTokens` (a syntax error, while parsing). Turns those, and the errors of this library's own rules,
 * into the one typed QUERY_TOO_COMPLEX error; anything else is not a limit (undefined).
 */
export function toLimitError(error: { message: string; code?: unknown; extensions?: Record<string, unknown> }): GraphQLError | undefined {
  if (isLimitError(error)) return error instanceof GraphQLError ? error : new GraphQLError(error.message, { extensions: error.extensions });
  if (error.code === 'MER_ERR_GQL_QUERY_DEPTH') {
    const m = DEPTH.exec(error.message);
    const actual = m ? Number(m[1]) : undefined;
    const maximum = m ? Number(m[2]) : NaN;
    return queryTooComplex(
      'DEPTH',
      `The query is nested too deeply: ${actual !== undefined && Number.isFinite(actual) ? `${actual} levels, ` : ''}the maximum is ${maximum}`,
      maximum,
      actual !== undefined && Number.isFinite(actual) ? actual : undefined,
    );
  }
  const tokens = TOKENS.exec(error.message);
  if (tokens) {
    const maximum = Number(tokens[1]);
    return queryTooComplex('TOKENS', `The query document is too long: more than ${maximum} tokens`, maximum);
  }
  return undefined;
}

/** graphql-js's "Did you mean …?" hints name fields, types and values the caller did not ask about. */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '').trim();
}
