import { canonicalId, to18 } from './ids';
import { parseSoql } from './soql-parser';
import { SfHttpError } from './errors';

// Unit tests of the SOQL subset and the id rules (reference/providers.md §2.2–§2.3).
const errorOf = (q: string): { code: string; message: string } => {
  try {
    parseSoql(q);
  } catch (e) {
    if (e instanceof SfHttpError) return { code: e.errors[0].errorCode, message: e.errors[0].message };
    throw e;
  }
  throw new Error('parsed');
};

describe('SOQL parser', () => {
  test('fields, relationship paths, WHERE tree, ORDER BY, LIMIT, OFFSET', () => {
    const q = parseSoql("select Id, Account.Name FROM Contact WHERE (Email = 'a' OR Email IN ('b','c')) AND SystemModstamp > 2025-01-01T00:00:00Z ORDER BY LastName DESC NULLS FIRST, Id LIMIT 10 OFFSET 5");
    expect(q.fields.map((f) => f.path)).toEqual([['Id'], ['Account', 'Name']]);
    expect(q.from.name).toBe('Contact');
    expect(q.where).toMatchObject({ kind: 'and', items: [{ kind: 'or' }, { kind: 'cmp', op: '>', value: { kind: 'datetime', value: Date.UTC(2025, 0, 1) } }] });
    expect(q.orderBy.map((o) => [o.field.path[0], o.desc, o.nullsLast])).toEqual([['LastName', true, false], ['Id', false, false]]);
    expect([q.limit, q.offset]).toEqual([10, 5]);
  });

  test('string escapes: \\\' and \\\\; LIKE keeps escaped wildcards literal', () => {
    const q = parseSoql("SELECT Id FROM Contact WHERE LastName = 'O\\'Brien \\\\ x' AND Email LIKE '100\\%%'");
    const [eq, like] = (q.where as { items: { value: { value: string; like?: string } }[] }).items;
    expect(eq.value.value).toBe("O'Brien \\ x");
    expect(like.value.like).toBe('100\\%%');
  });

  test('date, null, booleans, numbers, <> as !=', () => {
    const q = parseSoql('SELECT Id FROM Lead WHERE ConvertedDate = 2026-01-02 AND Email != null AND IsConverted = TRUE AND Title <> null');
    const kinds = (q.where as { items: { op: string; value: { kind: string } }[] }).items.map((c) => [c.op, c.value.kind]);
    expect(kinds).toEqual([['=', 'date'], ['!=', 'null'], ['=', 'boolean'], ['!=', 'null']]);
  });

  test('errors are MALFORMED_QUERY with a caret and ERROR at Row:Column', () => {
    const e = errorOf('SELECT Id FROM Contact WHERE');
    expect(e.code).toBe('MALFORMED_QUERY');
    expect(e.message).toBe('\nSELECT Id FROM Contact WHERE\n                            ^\nERROR at Row:1:Column:29\nunexpected token: <EOF>');
    expect(errorOf("SELECT Id FROM Contact WHERE A = 'x' AND B = 'y' OR C = 'z'").message).toContain("unexpected token: 'OR'");
    expect(errorOf('SELECT Id FROM Contact WHERE CreatedDate > 2025-01-01T00:00:00').code).toBe('MALFORMED_QUERY');
    expect(errorOf('SELECT Id, (SELECT Id FROM Contacts) FROM Account').code).toBe('MALFORMED_QUERY');
    expect(errorOf("SELECT Id FROM Contact WHERE Name = 'x\\q'").code).toBe('MALFORMED_QUERY');
  });
});

describe('ids', () => {
  test('the 18-char suffix encodes the case of the 15-char id', () => {
    expect(to18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(canonicalId('001a0000006vm9riac')).toBe('001A0000006Vm9r');
    expect(canonicalId('001A0000006Vm9r')).toBe('001A0000006Vm9r');
    expect(canonicalId('bogus')).toBeNull();
  });
});
