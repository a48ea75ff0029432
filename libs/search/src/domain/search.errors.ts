import { DomainError, ErrorCode } from '#lib/core';

/** The search engine could not be reached or refused the request; PostgreSQL data is unaffected. */
export class SearchUnavailableError extends DomainError {
  constructor(engine: string, cause?: unknown) {
    super(ErrorCode.SERVICE_UNAVAILABLE, 'Search is temporarily unavailable, try again shortly', { engine });
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}
