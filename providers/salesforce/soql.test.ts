import { isSalesforceId, soqlDateTime, soqlList, soqlQuote, soqlSelect } from './soql';
import { tokenize } from './sandbox/soql-lexer';

describe('soqlQuote (SOQL quoted-string escapes)', () => {
  it.each([
    ['plain', "'plain'"],
    ["O'Brien", "'O\\'Brien'"],
    ['back\\slash', "'back\\\\slash'"],
    ["\\'", "'\\\\\\''"],
    ['line\nbreak\r\ttab', "'line\\nbreak\\r\\ttab'"],
    ['say "hi"', "'say \\\"hi\\\"'"],
    ['bell\b form\f', "'bell\\b form\\f'"],
    ['100%_ok', "'100%_ok'"],
    ['Zoë 東京', "'Zoë 東京'"],
  ])('%j → %s', (input, out) => expect(soqlQuote(input)).toBe(out));

  it('round-trips through a SOQL lexer: an injection attempt stays one string literal', () => {
    for (const evil of ["x' OR Name != '", "\\' OR 1=1 --", "a\\", "'; DELETE", 'new\nline']) {
      const tokens = tokenize(`Email = ${soqlQuote(evil)}`);
      expect(tokens.map((t) => t.kind)).toEqual(['ident', 'op', 'string', 'eof']);
      expect(tokens[2].str).toBe(evil);
    }
  });

  it('soqlList quotes every value', () => {
    expect(soqlList(['a', "b'c"])).toBe("('a', 'b\\'c')");
    expect(() => soqlList([])).toThrow();
  });
});

describe('soqlDateTime (unquoted, validated)', () => {
  it('writes UTC whole seconds, floor or ceil', () => {
    expect(soqlDateTime('2026-01-01T10:00:00Z', 'f')).toBe('2026-01-01T10:00:00Z');
    expect(soqlDateTime('2026-01-01T12:00:00.250+02:00', 'f')).toBe('2026-01-01T10:00:00Z');
    expect(soqlDateTime('2026-01-01T10:00:00.250Z', 'f', 'ceil')).toBe('2026-01-01T10:00:01Z');
  });
  it.each(["2026-01-01T10:00:00Z' OR ''='", '2026-01-01', 'yesterday', '2026-13-45T99:00:00Z', '2026-01-01T10:00:00'])('%j → INVALID_INPUT', (v) => {
    expect(() => soqlDateTime(v, 'updatedSince')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', details: { errors: [{ field: 'updatedSince', message: expect.any(String) }] } }));
  });
});

describe('ids and SELECT', () => {
  it('isSalesforceId: 15/18 alphanumerics with the object prefix', () => {
    expect(isSalesforceId('003yT0000000005QAA', '003')).toBe(true);
    expect(isSalesforceId('003yT0000000005', '003')).toBe(true);
    expect(isSalesforceId('00QyT000000001JUAQ', '003')).toBe(false);
    expect(isSalesforceId("003yT0000000005QA'", '003')).toBe(false);
  });
  it('soqlSelect joins conditions with AND', () => {
    expect(soqlSelect(['Id'], 'Contact', ["Email = 'a'", 'IsDeleted = false'], 'Id ASC', 2)).toBe("SELECT Id FROM Contact WHERE Email = 'a' AND IsDeleted = false ORDER BY Id ASC LIMIT 2");
  });
});
