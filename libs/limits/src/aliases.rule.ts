import type { ValidationRule } from 'graphql';
import { queryTooComplex } from './limit-errors.js';

/**
 * At most `maximum` aliased fields in a document (counted as written, fragments once). Aliases are how one request
 * asks for the same field many times (`a1: createEmployer(…) a2: createEmployer(…) …`), which no other limit sees
 * when each copy is cheap.
 */
export function maxAliasesRule(maximum: number): ValidationRule {
  return (context) => {
    let count = 0;
    return {
      Field(node) {
        if (node.alias) count++;
      },
      Document: {
        leave() {
          if (count > maximum) context.reportError(queryTooComplex('ALIASES', `The query uses too many aliases: ${count}, the maximum is ${maximum}`, maximum, count));
        },
      },
    };
  };
}
