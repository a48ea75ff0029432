import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getVariableValues,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  validate,
} from 'graphql';
import { type ComplexityEstimator, createComplexityRule } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '#lib/core';
import { isLimitError, queryTooComplex } from './limit-errors.js';

/**
 * Cost of a document, estimated before anything runs (graphql-query-complexity with the estimator below):
 *
 * - every field costs 1 plus what it selects;
 * - a list field multiplies what it selects by its page size: its own `first` argument when it has one, else the
 *   `first` of the paging field it belongs to (`placements(first: 50) { nodes { … } }`: the `nodes` count 50 times,
 *   `totalCount` and `pageInfo` once), else the default page size (20); the schema's argument defaults apply;
 * - `__typename` is free; introspection fields cost 1 each without multiplying (introspection is off in production,
 *   and bounded by the depth, alias and token limits where it is on).
 *
 * A `first` that is not a positive integer counts as the default page size (the resolver rejects it anyway), so a
 * negative value cannot lower the total.
 */
export function listMultipliers(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string,
): Map<FieldNode, number> {
  const sizes = new Map<FieldNode, number>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    else if (d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName)) operations.push(d);
  }
  for (const operation of operations) {
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
    const values = coerced.coerced ?? {};
    const walk = (set: SelectionSetNode, parent: GraphQLNamedType | null | undefined, inherited: number | undefined, active: Set<string>) => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          walk(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent, inherited, active);
        } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || active.has(fragment.name.value)) continue;
          active.add(fragment.name.value);
          walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), inherited, active);
          active.delete(fragment.name.value);
        } else {
          if (selection.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
          const field = parent.getFields()[selection.name.value];
          if (!field) continue;
          let own: number | undefined;
          if (field.args.some((a) => a.name === 'first')) {
            let first: unknown;
            try {
              first = getArgumentValues(field, selection, values).first;
            } catch {
              first = undefined; // a bad argument: execution reports it
            }
            own = typeof first === 'number' && Number.isInteger(first) && first > 0 ? first : DEFAULT_PAGE_SIZE;
          }
          const isList = isListType(getNullableType(field.type));
          if (isList) sizes.set(selection, Math.max(sizes.get(selection) ?? 0, own ?? inherited ?? DEFAULT_PAGE_SIZE));
          if (selection.selectionSet) walk(selection.selectionSet, getNamedType(field.type), !isList ? own : undefined, active);
        }
      }
    };
    walk(operation.selectionSet, schema.getRootType(operation.operation), undefined, new Set());
  }
  return sizes;
}

export function costEstimator(multipliers: Map<FieldNode, number>): ComplexityEstimator {
  return ({ type, field, node, childComplexity }) => {
    if (field.name === '__typename') return 0;
    if (field.name.startsWith('__') || type.name.startsWith('__')) return 1 + childComplexity;
    return 1 + (multipliers.get(node) ?? 1) * childComplexity;
  };
}

/** The estimated cost of the document (of `operationName`'s operation, else of all its operations together). */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown>, operationName?: string): number {
  let cost = 0;
  const errors = checkCost(schema, document, variables, operationName, Number.MAX_SAFE_INTEGER, (c) => (cost = c));
  if (errors.some(isLimitError)) return Infinity;
  return cost;
}

/** Validation with the complexity rule alone; returns QUERY_TOO_COMPLEX (COST) when over `maximum`, nothing else. */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  maximum: number,
  onComplete?: (cost: number) => void,
) {
  const named = operationName && document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === operationName) ? operationName : undefined;
  const tooComplex = (max: number, actual: number) => queryTooComplex('COST', `The query is too costly: an estimated ${actual} against a maximum of ${max}`, max, actual);
  try {
    const rule = createComplexityRule({
      maximumComplexity: maximum,
      variables: variables ?? {},
      operationName: named,
      estimators: [costEstimator(listMultipliers(schema, document, variables, named))],
      createError: tooComplex,
      onComplete,
    });
    // Variable or argument problems found on the way are left to execution, which reports them in its own words.
    return validate(schema, document, [rule]).filter(isLimitError);
  } catch (err) {
    // graphql-query-complexity stops walking at 10,000 evaluated nodes (fragments spread into each other).
    if (err instanceof Error && /maximum allowed number of nodes/.test(err.message)) {
      return [queryTooComplex('COST', `The query is too costly: more than 10000 fields to evaluate (fragments spread into each other)`, maximum)];
    }
    // A directive argument that does not coerce (`@include(if: $missing)`): execution reports it in its own words.
    if (err instanceof GraphQLError) return [];
    throw err;
  }
}
