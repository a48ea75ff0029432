import { buildSchema, parse, validate } from 'graphql';
import { maxAliasesRule } from './aliases.rule.js';
import { checkCost, queryCost } from './query-cost.js';

const schema = buildSchema(`
  type Query {
    me: User
    placements(first: Int, after: String): PlacementConnection!
    employers(first: Int = 50): [Employer!]!
    node(id: ID!): Placement
  }
  type Mutation { createEmployer(name: String!): Employer! }
  type User { id: ID! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type PlacementConnection { nodes: [Placement!]! totalCount: Int! pageInfo: PageInfo! }
  type Placement { id: ID! title: String! weekdays: [String!]! employer: Employer! }
  type Employer { id: ID! name: String! sites: [Site!]! placements(first: Int): PlacementConnection! }
  type Site { id: ID! name: String! }
`);

const cost = (query: string, variables?: Record<string, unknown>, operationName?: string) => queryCost(schema, parse(query), variables, operationName);

describe('query cost', () => {
  it('counts each field once, plus what it selects', () => {
    expect(cost('{ me { id } }')).toBe(2);
    expect(cost('{ node(id: "1") { id title employer { name } } }')).toBe(1 + 1 + 1 + 2);
  });

  it("multiplies a connection's nodes by its first (not totalCount or pageInfo)", () => {
    // placements 1 + totalCount 1 + pageInfo (1 + 1) + nodes (1 + 5 × 2)
    expect(cost('{ placements(first: 5) { totalCount pageInfo { hasNextPage } nodes { id title } } }')).toBe(1 + 1 + 2 + 11);
  });

  it('uses the default page size (20) when first is absent, null or not a positive integer', () => {
    expect(cost('{ placements { nodes { id } } }')).toBe(1 + 1 + 20);
    expect(cost('{ placements(first: null) { nodes { id } } }')).toBe(22);
    expect(cost('{ placements(first: -100000) { nodes { id } } }')).toBe(22);
    expect(cost('{ placements(first: 0) { nodes { id } } }')).toBe(22);
  });

  it('reads first from the variables, and from the schema default of the argument', () => {
    const q = 'query($n: Int) { placements(first: $n) { nodes { id } } }';
    expect(cost(q, { n: 100 })).toBe(1 + 1 + 100);
    expect(cost(q, {})).toBe(22);
    expect(cost('query($n: Int = 7) { placements(first: $n) { nodes { id } } }')).toBe(1 + 1 + 7);
    expect(cost('{ employers { id } }')).toBe(1 + 50);
  });

  it('multiplies nested lists: a list without first counts the default page size', () => {
    // employers 1 + 2 × (sites 1 + 20 × 2)
    expect(cost('{ employers(first: 2) { sites { id name } } }')).toBe(1 + 2 * 41);
    // employers(first: 3) → placements(first: 4) → nodes
    expect(cost('{ employers(first: 3) { placements(first: 4) { nodes { id } } } }')).toBe(1 + 3 * (1 + 1 + 4));
  });

  it('lists of scalars cost 1', () => {
    expect(cost('{ placements(first: 10) { nodes { weekdays } } }')).toBe(1 + 1 + 10);
  });

  it('follows fragments and inline fragments with the page size of where they are spread', () => {
    expect(cost('{ placements(first: 5) { ...P } } fragment P on PlacementConnection { nodes { id } }')).toBe(1 + 1 + 5);
    expect(cost('{ placements(first: 5) { ... on PlacementConnection { nodes { id } } } }')).toBe(1 + 1 + 5);
  });

  it('counts the named operation only, and all of them without a name', () => {
    const doc = 'query A { me { id } } query B { placements(first: 3) { nodes { id } } }';
    expect(cost(doc, {}, 'A')).toBe(2);
    expect(cost(doc, {}, 'B')).toBe(5);
    expect(cost(doc)).toBe(7);
  });

  it('counts mutations like queries', () => {
    expect(cost('mutation { createEmployer(name: "x") { id sites { id } } }')).toBe(1 + 1 + 1 + 20);
  });

  it('__typename is free; introspection fields count once each, never multiplied', () => {
    expect(cost('{ me { __typename id } }')).toBe(2);
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(5);
  });

  it('reports QUERY_TOO_COMPLEX (COST) with the maximum and the estimate, and nothing when within', () => {
    const doc = parse('{ employers(first: 100) { placements(first: 100) { nodes { id } } } }');
    expect(checkCost(schema, doc, {}, undefined, 1_000_000)).toEqual([]);
    const [error, ...rest] = checkCost(schema, doc, {}, undefined, 1000);
    expect(rest).toEqual([]);
    expect(error!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'COST', maximum: 1000, actual: 1 + 100 * (1 + 1 + 100) });
    expect(error!.message).toMatch(/too costly/);
  });

  it('leaves bad variables and unknown operations to execution (no error here)', () => {
    expect(checkCost(schema, parse('query($n: Int!) { placements(first: $n) { nodes { id } } }'), {}, undefined, 10)).toEqual([]);
    expect(checkCost(schema, parse('query A { me { id } }'), {}, 'Nope', 10)).toEqual([]);
  });

  it('stops a fragment bomb (fragments spread into each other) as too costly', () => {
    const level = (n: number) => `fragment F${n} on Employer { ${Array.from({ length: 6 }, (_, i) => `a${i}: sites { id } ...F${n + 1}`).join(' ')} }`;
    const doc = `{ employers(first: 1) { ...F0 } } ${Array.from({ length: 8 }, (_, i) => level(i)).join(' ')} fragment F8 on Employer { id }`;
    const errors = checkCost(schema, parse(doc), {}, undefined, 1_000_000_000);
    expect(errors[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'COST' });
  });
});

describe('alias limit', () => {
  const aliases = (query: string, max: number) => validate(schema, parse(query), [maxAliasesRule(max)]);

  it('accepts up to the maximum and reports QUERY_TOO_COMPLEX (ALIASES) above it', () => {
    expect(aliases('{ a: me { id } b: me { i: id } }', 3)).toEqual([]);
    const [error] = aliases('{ a: me { id } b: me { i: id } c: me { id } d: me { id } }', 3);
    expect(error!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'ALIASES', maximum: 3, actual: 5 });
  });

  it('counts aliases inside fragments too', () => {
    expect(aliases('{ me { ...U } } fragment U on User { a: id b: id }', 1)[0]!.extensions.limit).toBe('ALIASES');
  });
});

describe('cost with directives', () => {
  it('honours @skip/@include and leaves a directive argument that does not coerce to execution', () => {
    expect(queryCost(schema, parse('query($x: Boolean!) { me { id } placements(first: 50) @include(if: $x) { nodes { id } } }'), { x: false })).toBe(2);
    expect(queryCost(schema, parse('query($x: Boolean!) { me { id } placements(first: 50) @include(if: $x) { nodes { id } } }'), { x: true })).toBe(2 + 52);
    expect(checkCost(schema, parse('query($x: Boolean!) { me @include(if: $x) { id } }'), {}, undefined, 1)).toEqual([]);
  });
});
