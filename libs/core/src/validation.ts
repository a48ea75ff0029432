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
export const isoDate = z.iso.date();
