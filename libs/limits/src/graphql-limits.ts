import { NoSchemaIntrospectionCustomRule, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { maxAliasesRule } from './aliases.rule.js';
import { checkCost } from './query-cost.js';

export interface GraphQLLimits {
  readonly maxDepth: number;
  readonly maxCost: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly introspection: boolean;
  readonly suggestions: boolean;
}

/**
 * The Mercurius options that enforce the static limits, all before execution:
 * tokens while parsing (graphql-js `maxTokens`: parsing stops at the limit), aliases and introspection as validation
 * rules (their results are cached with the document by Mercurius), depth by Mercurius itself after validation, and
 * one operation per request (no batching). Cost depends on variables, so it is checked in `costLimitHook`.
 */
export function graphqlLimitOptions(limits: GraphQLLimits) {
  const validationRules: ValidationRule[] = [maxAliasesRule(limits.maxAliases)];
  if (!limits.introspection) validationRules.push(NoSchemaIntrospectionCustomRule);
  return {
    queryDepth: limits.maxDepth,
    validationRules,
    allowBatchedQueries: false,
    graphql: {
      parseOptions: { maxTokens: limits.maxTokens },
      // graphql-js 16.10+ takes hideSuggestions (Mercurius's types predate it); 100 errors at most is graphql-js's default.
      validateOptions: { maxErrors: 100, hideSuggestions: !limits.suggestions },
    },
  };
}

interface HookContext {
  reply?: { request?: { body?: unknown; query?: unknown } };
}

/**
 * Mercurius `preExecution` hook: the estimated cost of the operation with this request's variables (page sizes often
 * arrive as variables), checked before anything executes. Throws QUERY_TOO_COMPLEX (limit COST).
 */
export function costLimitHook(limits: Pick<GraphQLLimits, 'maxCost'>) {
  return async (schema: GraphQLSchema, document: DocumentNode, context: unknown, variables?: Record<string, unknown>): Promise<void> => {
    const request = (context as HookContext | undefined)?.reply?.request;
    const source = (request?.body && typeof request.body === 'object' ? request.body : request?.query) as { operationName?: unknown } | undefined;
    const operationName = typeof source?.operationName === 'string' ? source.operationName : undefined;
    const errors = checkCost(schema, document, variables, operationName, limits.maxCost);
    if (errors.length) throw errors[0];
  };
}
