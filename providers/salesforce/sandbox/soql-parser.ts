import { malformed, tokenize, type Token } from './soql-lexer';

/**
 * Parser of the SOQL subset the adapters need (reference/providers.md §2.3): SELECT fields or
 * COUNT() FROM object [WHERE …] [ORDER BY …] [LIMIT n] [OFFSET n]. Conditions: = != <> < <= > >=,
 * [NOT] IN (…), LIKE, NOT, AND/OR with parentheses. As in SOQL, AND and OR cannot be mixed at one
 * level without parentheses. Anything else is 400 MALFORMED_QUERY.
 */
export interface FieldRef { path: string[]; pos: number }

export type Literal =
  | { kind: 'string'; value: string; like: string; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'datetime'; value: number; pos: number }
  | { kind: 'date'; value: number; pos: number }
  | { kind: 'boolean'; value: boolean; pos: number }
  | { kind: 'null'; pos: number };

export type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'like';

export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'cmp'; field: FieldRef; op: CmpOp; value: Literal }
  | { kind: 'in'; field: FieldRef; negate: boolean; values: Literal[] };

export interface OrderKey { field: FieldRef; desc: boolean; nullsLast: boolean }

export interface SoqlQuery {
  text: string;
  count: boolean;
  fields: FieldRef[];
  from: { name: string; pos: number };
  where: Condition | null;
  orderBy: OrderKey[];
  limit: number | null;
  offset: number | null;
}

class Parser {
  private i = 0;
  constructor(private readonly q: string, private readonly toks: Token[]) {}

  private peek(): Token { return this.toks[this.i]; }
  private next(): Token { return this.toks[this.i++]; }
  private isKw(word: string, t = this.peek()): boolean { return t.kind === 'ident' && t.text.toUpperCase() === word; }
  private unexpected(t = this.peek()): never {
    throw malformed(this.q, t.pos, `unexpected token: ${t.kind === 'eof' ? '<EOF>' : `'${t.text}'`}`);
  }
  private kw(word: string): void { if (!this.isKw(word)) this.unexpected(); this.i++; }
  private punct(p: string): void { const t = this.peek(); if (t.kind !== 'punct' || t.text !== p) this.unexpected(); this.i++; }
  private accept(word: string): boolean { if (this.isKw(word)) { this.i++; return true; } return false; }

  query(): SoqlQuery {
    this.kw('SELECT');
    let count = false;
    const fields: FieldRef[] = [];
    if (this.isKw('COUNT') && this.toks[this.i + 1]?.text === '(') {
      this.i++; this.punct('('); this.punct(')'); count = true;
    } else {
      do fields.push(this.field()); while (this.acceptPunct(','));
    }
    this.kw('FROM');
    const fromTok = this.next();
    if (fromTok.kind !== 'ident' || fromTok.text.includes('.')) this.unexpected(fromTok);
    const where = this.accept('WHERE') ? this.condition() : null;
    const orderBy: OrderKey[] = [];
    if (this.accept('ORDER')) {
      this.kw('BY');
      do orderBy.push(this.orderKey()); while (this.acceptPunct(','));
    }
    const limit = this.accept('LIMIT') ? this.integer() : null;
    const offset = this.accept('OFFSET') ? this.integer() : null;
    if (this.peek().kind !== 'eof') this.unexpected();
    return { text: this.q, count, fields, from: { name: fromTok.text, pos: fromTok.pos }, where, orderBy, limit, offset };
  }

  private acceptPunct(p: string): boolean {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === p) { this.i++; return true; }
    return false;
  }

  private field(): FieldRef {
    const t = this.next();
    if (t.kind !== 'ident' || RESERVED.has(t.text.toUpperCase())) this.unexpected(t);
    return { path: t.text.split('.'), pos: t.pos };
  }

  private integer(): number {
    const t = this.next();
    if (t.kind !== 'number' || !Number.isInteger(t.num) || (t.num as number) < 0) this.unexpected(t);
    return t.num as number;
  }

  private orderKey(): OrderKey {
    const field = this.field();
    const desc = this.accept('DESC') ? true : (this.accept('ASC'), false);
    let nullsLast = desc;
    if (this.accept('NULLS')) {
      if (this.accept('FIRST')) nullsLast = false;
      else { this.kw('LAST'); nullsLast = true; }
    }
    return { field, desc, nullsLast };
  }

  /** One level of AND or OR; mixing them without parentheses is an error, as in SOQL. */
  private condition(): Condition {
    const first = this.unary();
    const items = [first];
    let joiner: 'AND' | 'OR' | null = null;
    while (this.isKw('AND') || this.isKw('OR')) {
      const word = this.peek().text.toUpperCase() as 'AND' | 'OR';
      if (joiner && word !== joiner) this.unexpected();
      joiner = word;
      this.i++;
      items.push(this.unary());
    }
    return joiner ? { kind: joiner === 'AND' ? 'and' : 'or', items } : first;
  }

  private unary(): Condition {
    if (this.accept('NOT')) return { kind: 'not', item: this.unary() };
    if (this.acceptPunct('(')) {
      const inner = this.condition();
      this.punct(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Condition {
    const field = this.field();
    const t = this.peek();
    if (t.kind === 'op') { this.i++; return { kind: 'cmp', field, op: t.text as CmpOp, value: this.literal() }; }
    if (this.accept('LIKE')) {
      const v = this.literal();
      if (v.kind !== 'string') this.unexpected(this.toks[this.i - 1]);
      return { kind: 'cmp', field, op: 'like', value: v };
    }
    const negate = this.accept('NOT');
    if (this.accept('IN')) {
      this.punct('(');
      const values: Literal[] = [];
      do values.push(this.literal()); while (this.acceptPunct(','));
      this.punct(')');
      return { kind: 'in', field, negate, values };
    }
    return this.unexpected();
  }

  private literal(): Literal {
    const t = this.next();
    switch (t.kind) {
      case 'string': return { kind: 'string', value: t.str as string, like: t.like as string, pos: t.pos };
      case 'number': return { kind: 'number', value: t.num as number, pos: t.pos };
      case 'datetime': return { kind: 'datetime', value: t.num as number, pos: t.pos };
      case 'date': return { kind: 'date', value: t.num as number, pos: t.pos };
      case 'ident': {
        const w = t.text.toUpperCase();
        if (w === 'NULL') return { kind: 'null', pos: t.pos };
        if (w === 'TRUE' || w === 'FALSE') return { kind: 'boolean', value: w === 'TRUE', pos: t.pos };
        return this.unexpected(t);
      }
      default: return this.unexpected(t);
    }
  }
}

const RESERVED = new Set(['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'LIKE', 'ORDER', 'BY', 'LIMIT', 'OFFSET', 'NULL',
  'TRUE', 'FALSE', 'ASC', 'DESC', 'NULLS', 'GROUP', 'HAVING', 'WITH', 'FOR', 'USING', 'INCLUDES', 'EXCLUDES']);

export function parseSoql(text: string): SoqlQuery {
  return new Parser(text, tokenize(text)).query();
}
