import { type DocumentNode, Kind, visit } from 'graphql';
import { findUnstorableText, isStorableText, ValidationError } from '#lib/core';

/**
 * Rejects, before anything executes, text PostgreSQL cannot store (NUL bytes, lone surrogates) anywhere in
 * the variables or in string literals of the document: a typed BAD_USER_INPUT instead of a failed query.
 */
export function assertStorableInput(document: DocumentNode, variables: unknown): void {
  const inVariables = findUnstorableText(variables ?? {});
  if (inVariables) throw ValidationError.field(`variables.${inVariables}`, 'contains characters that cannot be stored (NUL or an unpaired surrogate)');
  let literal = false;
  visit(document, {
    [Kind.STRING](node) {
      if (!isStorableText(node.value)) literal = true;
    },
  });
  if (literal) throw ValidationError.field('query', 'a string argument contains characters that cannot be stored (NUL or an unpaired surrogate)');
}
