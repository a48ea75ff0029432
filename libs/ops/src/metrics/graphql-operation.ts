import { type DocumentNode, Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** What a GraphQL request is labelled with in the metrics: bounded by the schema, never by what a client names it. */
export interface OperationLabel {
  /** The single root field (`me`, `matchesForParticipant`), `__introspection`, or `multiple`. */
  readonly operation: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  /** Every distinct root field (for the per-field counter); introspection fields folded into `__introspection`. */
  readonly rootFields: readonly string[];
}

export const INTROSPECTION = '__introspection';
export const MULTIPLE = 'multiple';

/**
 * Names an executed operation by its root field. `operationName` is chosen by the client (unbounded label values), so it
 * only selects which operation of the document ran; root fields exist in the schema (the document passed validation).
 */
export function operationLabel(document: DocumentNode, operationName?: string | null): OperationLabel | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operations.length === 1 ? operations[0] : operations.find((o) => o.name?.value === operationName);
  if (!op) return null;
  const fragments = new Map(
    document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d.selectionSet] as const),
  );
  const fields = new Set<string>();
  const visit = (set: SelectionSetNode, seen: Set<string>) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const name = s.name.value;
        if (name === '__typename') continue;
        fields.add(name.startsWith('__') ? INTROSPECTION : name);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        visit(s.selectionSet, seen);
      } else if (s.kind === Kind.FRAGMENT_SPREAD && !seen.has(s.name.value)) {
        const fragment = fragments.get(s.name.value);
        if (fragment) visit(fragment, new Set([...seen, s.name.value]));
      }
    }
  };
  visit(op.selectionSet, new Set());
  const rootFields = [...fields].sort();
  const operation = rootFields.length === 1 ? rootFields[0]! : rootFields.length === 0 ? '__typename' : MULTIPLE;
  return { operation, type: op.operation, rootFields };
}
