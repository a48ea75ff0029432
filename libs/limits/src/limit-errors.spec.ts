import { parse } from 'graphql';
import { toLimitError, withoutSuggestions } from './limit-errors.js';

describe('limit errors', () => {
  it("turns Mercurius's depth error into QUERY_TOO_COMPLEX (DEPTH)", () => {
    const error = toLimitError({ code: 'MER_ERR_GQL_QUERY_DEPTH', message: '`unnamedQuery query depth (13) exceeds the query depth limit of 12`' });
    expect(error!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'DEPTH', maximum: 12, actual: 13 });
    expect(error!.message).toBe('The query is nested too deeply: 13 levels, the maximum is 12');
  });

  it("turns graphql-js's maxTokens syntax error into QUERY_TOO_COMPLEX (TOKENS)", () => {
    let thrown: Error | undefined;
    try {
      parse(`{ me { ${'id '.repeat(50)} } }`, { maxTokens: 20 });
    } catch (err) {
      thrown = err as Error;
    }
    expect(toLimitError(thrown!)!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'TOKENS', maximum: 20 });
  });

  it('leaves other errors alone', () => {
    expect(toLimitError({ message: 'Syntax Error: Expected Name, found "}".' })).toBeUndefined();
    expect(toLimitError({ message: 'Cannot query field "x" on type "User".' })).toBeUndefined();
  });

  it('strips "Did you mean …?" hints', () => {
    expect(withoutSuggestions('Cannot query field "nme" on type "User". Did you mean "name"?')).toBe('Cannot query field "nme" on type "User".');
    expect(withoutSuggestions('Value "OPNE" does not exist in "PlacementStatus" enum. Did you mean the enum value "OPEN"?')).toBe('Value "OPNE" does not exist in "PlacementStatus" enum.');
    expect(withoutSuggestions('Unknown argument "frist" on field "Query.placements". Did you mean "first" or "after"?')).toBe('Unknown argument "frist" on field "Query.placements".');
    expect(withoutSuggestions('Nothing to strip.')).toBe('Nothing to strip.');
  });
});
