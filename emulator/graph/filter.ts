/**
 * A small OData `$filter` parser and compiler for the properties the emulator's collections
 * expose: comparisons (eq, ne, gt, ge, lt, le, in), startswith/endswith/contains, and/or/not and
 * parentheses. String comparisons are case-insensitive, as Graph's are for these properties.
 */

export type FieldType = 'string' | 'int' | 'bool' | 'datetime' | 'enum';
export type FieldValue = string | number | boolean | null;

export interface FieldDef<T> {
  name: string;
  type: FieldType;
  get(row: T): FieldValue;
  /** Lower-cased string value, when precomputed (saves work on 100,000 rows). */
  lower?: (row: T) => string;
  filterable: boolean;
  sortable: boolean;
}

export class QueryError extends Error {}

type Literal = { kind: 'literal'; type: 'string' | 'int' | 'number' | 'bool' | 'null' | 'datetime'; value: FieldValue };
type Property = { kind: 'property'; name: string };
type Operand = Literal | Property;
type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand }
  | { kind: 'in'; property: Property; values: Literal[] }
  | { kind: 'function'; name: 'startswith' | 'endswith' | 'contains'; property: Property; value: Literal };

type Token =
  | { kind: 'lparen' | 'rparen' | 'comma' }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number; integer: boolean }
  | { kind: 'datetime'; value: string }
  | { kind: 'word'; value: string };

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '(') {
      tokens.push({ kind: 'lparen' });
      i += 1;
    } else if (ch === ')') {
      tokens.push({ kind: 'rparen' });
      i += 1;
    } else if (ch === ',') {
      tokens.push({ kind: 'comma' });
      i += 1;
    } else if (ch === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw new QueryError(`Syntax error: unterminated string literal at position ${i} in '${text}'.`);
        const c = text[i];
        if (c === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += c;
        i += 1;
      }
      tokens.push({ kind: 'string', value });
    } else {
      const rest = text.slice(i);
      const date = DATETIME.exec(rest);
      if (date) {
        tokens.push({ kind: 'datetime', value: date[0] });
        i += date[0].length;
        continue;
      }
      const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
      if (number) {
        tokens.push({ kind: 'number', value: Number(number[0]), integer: number[1] === undefined && number[2] === undefined });
        i += number[0].length;
        continue;
      }
      const word = /^[A-Za-z_][A-Za-z0-9_./@]*/.exec(rest);
      if (word) {
        tokens.push({ kind: 'word', value: word[0] });
        i += word[0].length;
        continue;
      }
      throw new QueryError(`Syntax error: character '${ch}' is not valid at position ${i} in '${text}'.`);
    }
  }
  return tokens;
}

const COMPARE_OPS: readonly string[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
const FUNCTIONS: readonly string[] = ['startswith', 'endswith', 'contains'];

class Parser {
  private pos = 0;
  private readonly tokens: Token[];
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    this.tokens = tokenize(text);
  }

  parse(): FilterNode {
    if (this.tokens.length === 0) throw new QueryError('The $filter expression must not be empty.');
    const node = this.parseOr();
    if (this.pos < this.tokens.length) throw new QueryError(`Syntax error at position ${this.pos} in '${this.text}'.`);
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const token = this.tokens[this.pos];
    if (!token) throw new QueryError(`Syntax error: unexpected end of '${this.text}'.`);
    this.pos += 1;
    return token;
  }

  private isWord(token: Token | undefined, value: string): boolean {
    return token?.kind === 'word' && token.value.toLowerCase() === value;
  }

  private expect(kind: 'lparen' | 'rparen' | 'comma'): void {
    const token = this.next();
    if (token.kind !== kind) throw new QueryError(`Syntax error: expected '${kind === 'lparen' ? '(' : kind === 'rparen' ? ')' : ','}' in '${this.text}'.`);
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.isWord(this.peek(), 'or')) {
      this.pos += 1;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (this.isWord(this.peek(), 'and')) {
      this.pos += 1;
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    if (this.isWord(this.peek(), 'not')) {
      this.pos += 1;
      return { kind: 'not', operand: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): FilterNode {
    const token = this.peek();
    if (token?.kind === 'lparen') {
      this.pos += 1;
      const inner = this.parseOr();
      this.expect('rparen');
      return inner;
    }
    if (token?.kind === 'word' && this.tokens[this.pos + 1]?.kind === 'lparen') {
      const name = token.value.toLowerCase();
      if (!FUNCTIONS.includes(name)) throw new QueryError(`An unknown function with name '${token.value}' was found.`);
      this.pos += 2;
      const first = this.parseOperand();
      this.expect('comma');
      const second = this.parseOperand();
      this.expect('rparen');
      if (first.kind !== 'property' || second.kind !== 'literal') {
        throw new QueryError(`The function '${name}' expects a property and a string literal.`);
      }
      return { kind: 'function', name: name as 'startswith' | 'endswith' | 'contains', property: first, value: second };
    }
    const left = this.parseOperand();
    const op = this.next();
    if (op.kind !== 'word') throw new QueryError(`Syntax error: expected an operator in '${this.text}'.`);
    const opName = op.value.toLowerCase();
    if (opName === 'in') {
      if (left.kind !== 'property') throw new QueryError("The left side of 'in' must be a property.");
      this.expect('lparen');
      const values: Literal[] = [];
      for (;;) {
        const value = this.parseOperand();
        if (value.kind !== 'literal') throw new QueryError("The list of 'in' must hold literals.");
        values.push(value);
        const sep = this.next();
        if (sep.kind === 'rparen') break;
        if (sep.kind !== 'comma') throw new QueryError(`Syntax error in the list of 'in' in '${this.text}'.`);
      }
      return { kind: 'in', property: left, values };
    }
    if (!COMPARE_OPS.includes(opName)) throw new QueryError(`Syntax error: '${op.value}' is not a supported operator.`);
    const right = this.parseOperand();
    return { kind: 'compare', op: opName as CompareOp, left, right };
  }

  private parseOperand(): Operand {
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return { kind: 'literal', type: 'string', value: token.value };
      case 'number':
        return { kind: 'literal', type: token.integer ? 'int' : 'number', value: token.value };
      case 'datetime':
        return { kind: 'literal', type: 'datetime', value: token.value };
      case 'word': {
        const lower = token.value.toLowerCase();
        if (lower === 'true' || lower === 'false') return { kind: 'literal', type: 'bool', value: lower === 'true' };
        if (lower === 'null') return { kind: 'literal', type: 'null', value: null };
        return { kind: 'property', name: token.value };
      }
      default:
        throw new QueryError(`Syntax error: unexpected token in '${this.text}'.`);
    }
  }
}

export function parseFilter(text: string): FilterNode {
  return new Parser(text).parse();
}

const EDM: Record<FieldType, string> = { string: 'Edm.String', int: 'Edm.Int32', bool: 'Edm.Boolean', datetime: 'Edm.DateTimeOffset', enum: 'Edm.String' };
const LITERAL_EDM: Record<Literal['type'], string> = {
  string: 'Edm.String',
  int: 'Edm.Int32',
  number: 'Edm.Double',
  bool: 'Edm.Boolean',
  null: 'null',
  datetime: 'Edm.DateTimeOffset',
};
const OP_KIND: Record<CompareOp, string> = { eq: 'Equal', ne: 'NotEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual' };

function literalFits(field: FieldType, literal: Literal): boolean {
  if (literal.type === 'null') return true;
  switch (field) {
    case 'string':
    case 'enum':
      return literal.type === 'string';
    case 'int':
      return literal.type === 'int' || literal.type === 'number';
    case 'bool':
      return literal.type === 'bool';
    case 'datetime':
      return literal.type === 'datetime';
  }
}

function compareResult(op: CompareOp, c: number): boolean {
  switch (op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'gt':
      return c > 0;
    case 'ge':
      return c >= 0;
    case 'lt':
      return c < 0;
    case 'le':
      return c <= 0;
  }
}

const FLIP: Record<CompareOp, CompareOp> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };

/** Compiles a parsed filter against a collection's properties; type errors are QueryErrors. */
export function compileFilter<T>(node: FilterNode, fields: readonly FieldDef<T>[], typeName: string): (row: T) => boolean {
  const byName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
  const field = (property: Property): FieldDef<T> => {
    const found = byName.get(property.name.toLowerCase());
    if (!found) throw new QueryError(`Could not find a property named '${property.name}' on type '${typeName}'.`);
    if (!found.filterable) throw new QueryError(`The property '${found.name}' cannot be used in the $filter query option.`);
    return found;
  };
  const stringOf = (def: FieldDef<T>): ((row: T) => string | null) => {
    if (def.lower) return def.lower;
    return (row) => {
      const v = def.get(row);
      return v === null ? null : String(v).toLowerCase();
    };
  };

  const compile = (n: FilterNode): ((row: T) => boolean) => {
    switch (n.kind) {
      case 'and': {
        const l = compile(n.left);
        const r = compile(n.right);
        return (row) => l(row) && r(row);
      }
      case 'or': {
        const l = compile(n.left);
        const r = compile(n.right);
        return (row) => l(row) || r(row);
      }
      case 'not': {
        const inner = compile(n.operand);
        return (row) => !inner(row);
      }
      case 'function': {
        const def = field(n.property);
        if (def.type !== 'string' && def.type !== 'enum') throw new QueryError(`The function '${n.name}' needs a string property; '${def.name}' is ${EDM[def.type]}.`);
        if (n.value.type !== 'string') throw new QueryError(`The function '${n.name}' needs a string literal.`);
        const needle = String(n.value.value).toLowerCase();
        const get = stringOf(def);
        if (n.name === 'startswith') return (row) => get(row)?.startsWith(needle) ?? false;
        if (n.name === 'endswith') return (row) => get(row)?.endsWith(needle) ?? false;
        return (row) => get(row)?.includes(needle) ?? false;
      }
      case 'in': {
        const def = field(n.property);
        for (const v of n.values) {
          if (!literalFits(def.type, v)) throw new QueryError(`A binary operator with incompatible types was detected. Found operand types '${EDM[def.type]}' and '${LITERAL_EDM[v.type]}' for operator kind 'In'.`);
        }
        return compile(
          n.values
            .map((value): FilterNode => ({ kind: 'compare', op: 'eq', left: n.property, right: value }))
            .reduce((acc, next) => ({ kind: 'or', left: acc, right: next })),
        );
      }
      case 'compare': {
        let { left, right, op } = n;
        if (left.kind === 'literal' && right.kind === 'property') {
          [left, right] = [right, left];
          op = FLIP[op];
        }
        if (left.kind !== 'property' || right.kind !== 'literal') throw new QueryError('A comparison needs one property and one literal.');
        const def = field(left);
        const literal = right;
        if (!literalFits(def.type, literal)) {
          throw new QueryError(`A binary operator with incompatible types was detected. Found operand types '${EDM[def.type]}' and '${LITERAL_EDM[literal.type]}' for operator kind '${OP_KIND[op]}'.`);
        }
        const finalOp = op;
        if (literal.type === 'null') {
          if (finalOp !== 'eq' && finalOp !== 'ne') throw new QueryError('Only eq and ne can compare with null.');
          return (row) => (def.get(row) === null) === (finalOp === 'eq');
        }
        if (def.type === 'string' || def.type === 'enum') {
          const get = stringOf(def);
          const value = String(literal.value).toLowerCase();
          return (row) => {
            const v = get(row);
            if (v === null) return finalOp === 'ne';
            return compareResult(finalOp, v < value ? -1 : v > value ? 1 : 0);
          };
        }
        if (def.type === 'datetime') {
          const value = Date.parse(String(literal.value));
          if (Number.isNaN(value)) throw new QueryError(`'${String(literal.value)}' is not a valid Edm.DateTimeOffset.`);
          return (row) => {
            const v = def.get(row);
            if (v === null) return finalOp === 'ne';
            return compareResult(finalOp, Date.parse(String(v)) - value);
          };
        }
        if (def.type === 'bool') {
          const value = literal.value === true ? 1 : 0;
          return (row) => compareResult(finalOp, (def.get(row) === true ? 1 : 0) - value);
        }
        const value = Number(literal.value);
        return (row) => {
          const v = def.get(row);
          if (typeof v !== 'number') return finalOp === 'ne';
          return compareResult(finalOp, v - value);
        };
      }
    }
  };
  return compile(node);
}

/** A stable text for a parsed filter, so equivalent spellings share cached results. */
export function filterKey(node: FilterNode): string {
  const operand = (o: Operand): string => (o.kind === 'property' ? o.name.toLowerCase() : `${o.type}:${JSON.stringify(o.value)}`);
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${filterKey(node.left)} ${node.kind} ${filterKey(node.right)})`;
    case 'not':
      return `(not ${filterKey(node.operand)})`;
    case 'function':
      return `${node.name}(${operand(node.property)},${operand(node.value)})`;
    case 'in':
      return `${operand(node.property)} in (${node.values.map(operand).join(',')})`;
    case 'compare':
      return `${operand(node.left)} ${node.op} ${operand(node.right)}`;
  }
}
