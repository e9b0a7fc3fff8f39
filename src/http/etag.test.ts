import { GatewayError } from '../errors';
import { etagOf, parseIfMatch } from './etag';

describe('If-Match / ETag', () => {
  it.each([
    ['"3"', '3'],
    ['W/"3"', '3'],
    ['3', '3'],
    [' "abc-1" ', 'abc-1'],
    ['*', null],
    ['', null],
    [undefined, null],
  ])('If-Match %p names version %p', (header, version) => {
    expect(parseIfMatch(header)).toBe(version);
  });

  it.each(['"1", "2"', '"unterminated', 'a b'])('refuses %p as INVALID_INPUT on If-Match', (header) => {
    let err: unknown;
    try { parseIfMatch(header); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe('INVALID_INPUT');
    expect((err as GatewayError).details.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
  });

  it('an ETag read back as If-Match names the same version', () => {
    expect(parseIfMatch(etagOf('42'))).toBe('42');
  });
});
