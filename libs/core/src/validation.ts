import { z } from 'zod';
import { ValidationError } from './errors.js';

/** Parses input with a zod schema; failures become one typed BAD_USER_INPUT error naming each field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, prefix = 'input'): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      field: [prefix, ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  );
}

export const uuid = z.uuid();

/** Ids are UUIDs: anything else is simply not found (lookups) or a bad filter, and never reaches SQL. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && uuid.safeParse(value).success;

/**
 * A calendar date (YYYY-MM-DD) in a plausible range: zod accepts year 0000, which PostgreSQL rejects,
 * so every date the API takes goes through this one schema.
 */
export const isoDate = z.iso
  .date('must be a date (YYYY-MM-DD)')
  .refine((d) => d >= '1900-01-01' && d <= '2100-12-31', 'must be between 1900-01-01 and 2100-12-31');

/** True for text PostgreSQL can store: no NUL bytes and no unpaired UTF-16 surrogates. */
export function isStorableText(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

/** The path of the first string in a JSON value that PostgreSQL cannot store (NUL, lone surrogate), or null. */
export function findUnstorableText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path || '(value)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnstorableText(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!isStorableText(k)) return `${path}.(key)`;
      const hit = findUnstorableText(v, path ? `${path}.${k}` : k);
      if (hit) return hit;
    }
  }
  return null;
}
