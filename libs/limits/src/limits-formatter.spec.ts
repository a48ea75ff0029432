import { GraphQLError } from 'graphql';
import pino from 'pino';
import { mercuriusErrorFormatter } from '#lib/gql';
import { queryTooComplex } from './limit-errors.js';

const log = pino({ level: 'silent' });

/** What Mercurius hands the formatter when parsing or validation fails: one error wrapping the individual ones. */
function validationFailure(...errors: Array<Error | GraphQLError>) {
  const wrapper = Object.assign(new Error('Graphql validation error'), { code: 'MER_ERR_GQL_VALIDATION', statusCode: 400, errors });
  return { errors: [new GraphQLError(wrapper.message, { originalError: wrapper })] };
}

describe('the error formatter with the limits', () => {
  const format = mercuriusErrorFormatter(log, { hideSuggestions: true, bodyLimitBytes: 4096 });

  it('keeps QUERY_TOO_COMPLEX and its details, for validation rules and for the cost hook', () => {
    const fromRule = format(validationFailure(queryTooComplex('ALIASES', 'too many aliases', 3, 5)));
    expect(fromRule.statusCode).toBe(200);
    expect(fromRule.response.errors[0]!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'ALIASES', maximum: 3, actual: 5 });
    const fromHook = format({ errors: [queryTooComplex('COST', 'The query is too costly: an estimated 5000 against a maximum of 1000', 1000, 5000)] });
    expect(fromHook.response.errors[0]!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'COST', maximum: 1000, actual: 5000 });
  });

  it("maps Mercurius's depth error and graphql-js's token limit", () => {
    const depth = Object.assign(new Error('`unnamedQuery query depth (9) exceeds the query depth limit of 8`'), { code: 'MER_ERR_GQL_QUERY_DEPTH' });
    expect(format(validationFailure(depth)).response.errors[0]!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'DEPTH', maximum: 8, actual: 9 });
    const tokens = new GraphQLError('Syntax Error: Document contains more that 300 tokens. Parsing aborted.');
    expect(format(validationFailure(tokens)).response.errors[0]!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'TOKENS', maximum: 300 });
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
    const out = format({ errors: [new GraphQLError(tooLarge.message, { originalError: tooLarge })] });
    expect(out.statusCode).toBe(413);
    expect(out.response).toEqual({ data: null, errors: [{ message: 'The request body is larger than the limit of 4096 bytes', extensions: { code: 'PAYLOAD_TOO_LARGE', maximumBytes: 4096 } }] });
  });

  it('says plainly that batches are not accepted', () => {
    const notObject = Object.assign(new Error('body must be object'), { validationContext: 'body' });
    expect(format(validationFailure(notObject)).response.errors[0]).toMatchObject({ message: expect.stringMatching(/batched queries .* not accepted/), extensions: { code: 'BAD_REQUEST' } });
  });

  it('strips suggestions when told to, and keeps them otherwise', () => {
    const unknown = new GraphQLError('Cannot query field "nme" on type "User". Did you mean "name"?');
    expect(format(validationFailure(unknown)).response.errors[0]).toEqual({ message: 'Cannot query field "nme" on type "User".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(mercuriusErrorFormatter(log)(validationFailure(unknown)).response.errors[0]!.message).toMatch(/Did you mean "name"\?/);
  });

  it('still masks unexpected errors', () => {
    const internal = new Error('relation "secret_table" does not exist');
    const out = format({ errors: [new GraphQLError(internal.message, { originalError: internal, path: ['me'] })] });
    expect(out.response.errors[0]).toEqual({ message: 'Internal server error', path: ['me'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
