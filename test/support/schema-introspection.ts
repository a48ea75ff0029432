import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type IntrospectionQuery,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import type { ApiHarness } from './api-harness.js';

/** The live schema, read by introspection over HTTP (introspection needs a token: pass an admin's). */
export async function introspectSchema(api: ApiHarness, token: string): Promise<GraphQLSchema> {
  const res = await api.gql<IntrospectionQuery>(token, getIntrospectionQuery());
  if (res.errors?.length || !res.data) throw new Error(`introspection failed: ${JSON.stringify(res.errors)}`);
  return buildClientSchema(res.data);
}

export type OperationKind = 'query' | 'mutation';

export interface RootField {
  readonly kind: OperationKind;
  readonly name: string;
  readonly field: GraphQLField<unknown, unknown>;
}

/** Every field of Query and Mutation, sorted by name within each. */
export function rootFields(schema: GraphQLSchema): RootField[] {
  const of = (kind: OperationKind, type: GraphQLObjectType | null | undefined) =>
    Object.values(type?.getFields() ?? {})
      .map((field) => ({ kind, name: field.name, field }))
      .sort((a, b) => a.name.localeCompare(b.name));
  return [...of('query', schema.getQueryType()), ...of('mutation', schema.getMutationType())];
}

export interface SelectionOptions {
  /** How many object levels below the root field to descend (leaves of the last level are included). */
  readonly depth: number;
  /** `Type.field` names never selected (fields with their own, role-dependent rules, tested separately). */
  readonly exclude?: ReadonlySet<string>;
}

/**
 * A selection set that asks for everything reachable: every leaf field, every object field down to `depth`
 * (never re-entering a type already on the path), and every implementation of an interface or union by an
 * inline fragment — so a response can be searched for values the caller must never receive.
 * Fields with required arguments are skipped. Returns '' for leaf types.
 */
export function selectionFor(schema: GraphQLSchema, type: GraphQLOutputType, options: SelectionOptions): string {
  const exclude = options.exclude ?? new Set<string>();
  const walk = (named: GraphQLNamedType, depth: number, path: ReadonlySet<string>): string => {
    if (isLeafType(named)) return '';
    const onPath = new Set(path).add(named.name);
    const fieldsOf = (t: GraphQLObjectType | import('graphql').GraphQLInterfaceType) =>
      Object.values(t.getFields())
        .filter((f) => !exclude.has(`${t.name}.${f.name}`) && !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined))
        .map((f) => {
          const inner = getNamedType(f.type);
          if (isLeafType(inner)) return f.name;
          if (depth <= 0 || onPath.has(inner.name)) return null;
          const sub = walk(inner, depth - 1, onPath);
          return sub ? `${f.name} ${sub}` : null;
        })
        .filter((s): s is string => s !== null);
    const parts = ['__typename'];
    if (isObjectType(named) || isInterfaceType(named)) parts.push(...fieldsOf(named));
    if (isAbstractType(named)) {
      for (const impl of schema.getPossibleTypes(named)) {
        const own = fieldsOf(impl);
        if (own.length) parts.push(`... on ${impl.name} { ${own.join(' ')} }`);
      }
    }
    return `{ ${parts.join(' ')} }`;
  };
  return walk(getNamedType(type), options.depth, new Set());
}

/** `query($a: T!, ...) { field(a: $a, ...) <selection> }` for the arguments given (undefined ones are left out). */
export function operationFor(root: RootField, variables: Record<string, unknown>, selection: string): string {
  const args = root.field.args.filter((a) => variables[a.name] !== undefined);
  const declared = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${root.kind}${declared ? `(${declared})` : ''} { ${root.name}${passed ? `(${passed})` : ''} ${selection} }`;
}
