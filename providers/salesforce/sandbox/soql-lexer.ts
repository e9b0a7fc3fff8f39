import { fail, type SfHttpError } from './errors';
import { parseDateTime, parseDate } from './ids';

/**
 * Tokens of the SOQL subset (reference/providers.md §2.2–§2.3): identifiers and dotted field paths,
 * quoted strings with backslash escapes, unquoted datetime/date literals, numbers, comparison
 * operators and punctuation. Errors carry Salesforce's "ERROR at Row:r:Column:c" location.
 */
export type TokKind = 'ident' | 'string' | 'number' | 'datetime' | 'date' | 'op' | 'punct' | 'eof';

export interface Token {
  kind: TokKind;
  text: string;
  pos: number;
  /** Unescaped string value; for LIKE the escapes of % and _ are kept (see likeRegex). */
  str?: string;
  like?: string;
  num?: number;
}

/** Salesforce's query error message: the query, a caret under the column, "ERROR at Row:r:Column:c", the text. */
export function locatedError(errorCode: string, query: string, pos: number, text: string): SfHttpError {
  const before = query.slice(0, pos);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const col = pos - lineStart + 1;
  const line = query.split('\n')[row - 1] ?? '';
  return fail(400, errorCode, `\n${line}\n${' '.repeat(col - 1)}^\nERROR at Row:${row}:Column:${col}\n${text}`);
}

export const malformed = (query: string, pos: number, text: string): SfHttpError => locatedError('MALFORMED_QUERY', query, pos, text);

const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER_RE = /^-?\d+(?:\.\d+)?(?![\w.])/;
const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/;
const OP_RE = /^(?:!=|<>|<=|>=|=|<|>)/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };

function readString(q: string, start: number): { token: Token; end: number } {
  let str = '';
  let like = '';
  let i = start + 1;
  while (i < q.length) {
    const c = q[i];
    if (c === "'") return { token: { kind: 'string', text: q.slice(start, i + 1), pos: start, str, like }, end: i + 1 };
    if (c === '\\') {
      const e = q[i + 1];
      if (e === '%' || e === '_') { str += e; like += `\\${e}`; i += 2; continue; }
      if (e === undefined || !(e in ESCAPES)) throw malformed(q, i, `Invalid string literal '${q.slice(start, i + 2)}'. Illegal character sequence '\\${e ?? ''}' in string literal.`);
      str += ESCAPES[e];
      like += ESCAPES[e];
      i += 2;
      continue;
    }
    str += c;
    like += c;
    i += 1;
  }
  throw malformed(q, start, `line 1:${start} mismatched character '<EOF>' expecting '''`);
}

export function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (/\s/.test(c)) { i += 1; continue; }
    const rest = q.slice(i);
    let m: RegExpExecArray | null;
    if (c === "'") {
      const s = readString(q, i);
      out.push(s.token);
      i = s.end;
    } else if ((m = DATETIME_RE.exec(rest))) {
      const ms = parseDateTime(m[0]);
      if (ms === null) throw malformed(q, i, `line 1:${i} no viable alternative at character '${m[0]}'`);
      out.push({ kind: 'datetime', text: m[0], pos: i, num: ms });
      i += m[0].length;
    } else if ((m = DATE_RE.exec(rest))) {
      const ms = parseDate(m[0]);
      if (ms === null) throw malformed(q, i, `line 1:${i} no viable alternative at character '${m[0]}'`);
      out.push({ kind: 'date', text: m[0], pos: i, num: ms });
      i += m[0].length;
    } else if ((m = NUMBER_RE.exec(rest))) {
      out.push({ kind: 'number', text: m[0], pos: i, num: Number(m[0]) });
      i += m[0].length;
    } else if ((m = IDENT_RE.exec(rest))) {
      out.push({ kind: 'ident', text: m[0], pos: i });
      i += m[0].length;
    } else if ((m = OP_RE.exec(rest))) {
      out.push({ kind: 'op', text: m[0] === '<>' ? '!=' : m[0], pos: i });
      i += m[0].length;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ kind: 'punct', text: c, pos: i });
      i += 1;
    } else {
      throw malformed(q, i, `line 1:${i} no viable alternative at character '${c}'`);
    }
  }
  out.push({ kind: 'eof', text: '<EOF>', pos: q.length });
  return out;
}
