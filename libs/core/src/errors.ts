/**
 * Domain errors carry a code; the GraphQL layer maps each code once to `extensions.code`.
 * Anything that is not a DomainError is an internal error and is masked.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(readonly problems: readonly FieldProblem[]) {
    super(
      ErrorCode.BAD_USER_INPUT,
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      { field: problems[0]?.field, problems },
    );
  }
  static field(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super(ErrorCode.NOT_FOUND, `${entity} ${id} not found`, { entity, id });
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'A valid bearer token is required') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, message, details);
  }
}
