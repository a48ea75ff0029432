import { parse } from 'graphql';
import { INTROSPECTION, MULTIPLE, operationLabel } from './graphql-operation.js';

describe('operationLabel', () => {
  it('names a request by its single root field, whatever the client calls the operation', () => {
    expect(operationLabel(parse('query AnythingTheClientLikes { me { id } }'))).toEqual({ operation: 'me', type: 'query', rootFields: ['me'] });
    expect(operationLabel(parse('mutation { createPlacement(input: {}) { id } }'))).toEqual({ operation: 'createPlacement', type: 'mutation', rootFields: ['createPlacement'] });
  });

  it('counts aliases of one field as that field, and several fields as "multiple"', () => {
    expect(operationLabel(parse('{ a: participant(id: 1) { id } b: participant(id: 2) { id } }'))!.operation).toBe('participant');
    expect(operationLabel(parse('{ me { id } participants { totalCount } __typename }'))).toEqual({ operation: MULTIPLE, type: 'query', rootFields: ['me', 'participants'] });
  });

  it('folds introspection into one label', () => {
    expect(operationLabel(parse('{ __schema { types { name } } __type(name: "X") { name } }'))!.operation).toBe(INTROSPECTION);
  });

  it('follows fragments at the root, and picks the operation by operationName when the document has several', () => {
    const doc = parse('query A { ...F } query B { placements { totalCount } } fragment F on Query { me { id } ... on Query { unreadNotificationCount } }');
    expect(operationLabel(doc, 'A')!.rootFields).toEqual(['me', 'unreadNotificationCount']);
    expect(operationLabel(doc, 'B')!.operation).toBe('placements');
    expect(operationLabel(doc, 'C')).toBeNull();
    expect(operationLabel(doc)).toBeNull();
  });

  it('does not loop on self-referencing fragments', () => {
    expect(operationLabel(parse('{ ...F } fragment F on Query { me { id } ...F }'))!.operation).toBe('me');
  });
});
