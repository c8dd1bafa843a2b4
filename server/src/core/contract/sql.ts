/**
 * A syntax check for the SQL of ODCS `sql` quality rules, fast and synchronous so the editor can run
 * it on every keystroke. It is not a full SQL parser: it finds what makes a query fail to parse in
 * any dialect (unclosed quotes, comments or parentheses, a missing select list, dangling commas and
 * operators, a clause with nothing after it, several statements) and queries that are not queries.
 */
export interface SqlProblem {
  /** Offset in the query text. */
  offset: number;
  length: number;
  message: string;
}

interface Token { kind: 'word' | 'number' | 'string' | 'ident' | 'op' | 'punct'; text: string; offset: number }

const QUERY_STARTS = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', '(']);
const CLAUSES = new Set(['FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'QUALIFY', 'UNION', 'EXCEPT', 'INTERSECT', 'ON', 'JOIN', 'BY', 'AS', 'AND', 'OR', 'NOT', 'IN', 'LIKE', 'BETWEEN', 'IS', 'THEN', 'ELSE', 'WHEN', 'CASE', 'SELECT']);
const ENDS_NEED_MORE = new Set(['FROM', 'WHERE', 'BY', 'HAVING', 'LIMIT', 'AND', 'OR', 'NOT', 'IN', 'LIKE', 'BETWEEN', 'IS', 'ON', 'JOIN', 'AS', 'THEN', 'ELSE', 'WHEN', 'CASE', 'SELECT', 'QUALIFY', 'UNION', 'EXCEPT', 'INTERSECT']);
const BINARY = new Set(['=', '<', '>', '<=', '>=', '<>', '!=', '+', '*', '/', '%', '||', '-']);

/** Replaces ODCS placeholders ({object}, {property}, {table}, {column}) by same-length identifiers. */
function fillPlaceholders(sql: string): string {
  return sql.replace(/\{(object|property|table|column)\}/g, (m) => 'x'.repeat(m.length));
}

function closing(sql: string, i: number, quote: string): number {
  for (let j = i + 1; j < sql.length; j++) {
    if (sql[j] === quote) { if (sql[j + 1] === quote) { j++; continue; } return j; }
  }
  return -1;
}

function tokenize(sql: string): { tokens: Token[]; problem?: SqlProblem } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (sql.startsWith('--', i)) { const n = sql.indexOf('\n', i); i = n < 0 ? sql.length : n; continue; }
    if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) return { tokens, problem: { offset: i, length: 2, message: 'This comment is never closed (missing */).' } };
      i = end + 2; continue;
    }
    if (c === "'" || c === '"') {
      const end = closing(sql, i, c);
      if (end < 0) return { tokens, problem: { offset: i, length: 1, message: c === "'" ? 'This string is never closed (missing \').' : 'This quoted name is never closed (missing ").' } };
      tokens.push({ kind: c === "'" ? 'string' : 'ident', text: sql.slice(i, end + 1), offset: i }); i = end + 1; continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i, i + 128));
    if (word) { tokens.push({ kind: 'word', text: word[0], offset: i }); i += word[0].length; continue; }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(sql.slice(i, i + 64));
    if (number) { tokens.push({ kind: 'number', text: number[0], offset: i }); i += number[0].length; continue; }
    const op = /^(<=|>=|<>|!=|\|\||::|[=<>+\-*/%])/.exec(sql.slice(i, i + 2));
    if (op) { tokens.push({ kind: 'op', text: op[0], offset: i }); i += op[0].length; continue; }
    tokens.push({ kind: 'punct', text: c, offset: i }); i++;
  }
  return { tokens };
}

const upper = (t: Token | undefined) => (t?.kind === 'word' ? t.text.toUpperCase() : t?.text ?? '');
const at = (t: Token, message: string): SqlProblem => ({ offset: t.offset, length: t.text.length, message });

function parentheses(tokens: Token[]): SqlProblem | undefined {
  const open: Token[] = [];
  for (const t of tokens) {
    if (t.text === '(' && t.kind === 'punct') open.push(t);
    else if (t.text === ')' && t.kind === 'punct' && !open.pop()) return at(t, 'This ")" closes nothing.');
  }
  return open.length ? at(open.at(-1)!, 'This "(" is never closed.') : undefined;
}

function pairs(tokens: Token[]): SqlProblem | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const [t, next] = [tokens[i]!, tokens[i + 1]];
    const u = upper(t);
    const n = upper(next);
    if (t.text === ',' && (next === undefined || n === ',' || n === ')' || (CLAUSES.has(n) && n !== 'CASE' && n !== 'NOT'))) return at(t, 'Nothing follows this comma.');
    if (u === 'SELECT' && (next === undefined || n === 'FROM' || n === ',')) return at(t, 'SELECT needs at least one expression.');
    if (ENDS_NEED_MORE.has(u) && t.kind === 'word' && (next === undefined || n === ')' || n === ';')) return at(t, `${u} needs something after it.`);
    if (t.kind === 'op' && BINARY.has(t.text) && t.text !== '*' && (next === undefined || n === ')' || n === ',' || (next.kind === 'op' && next.text !== '-' && next.text !== '+'))) {
      return at(t, `The operator "${t.text}" needs a value after it.`);
    }
  }
  return undefined;
}

/** Checks one query; returns the first problem found, or undefined when it looks like valid SQL. */
export function checkSqlSyntax(query: string): SqlProblem | undefined {
  const { tokens, problem } = tokenize(fillPlaceholders(query));
  if (problem) return problem;
  if (tokens.length === 0) return { offset: 0, length: query.length, message: 'The query is empty.' };
  const semi = tokens.findIndex((t) => t.text === ';');
  if (semi >= 0 && semi < tokens.length - 1) return at(tokens[semi + 1]!, 'Only one statement is allowed; remove everything after the ";".');
  const body = semi >= 0 ? tokens.slice(0, semi) : tokens;
  if (!QUERY_STARTS.has(upper(body[0]))) {
    return at(body[0]!, `A quality rule's SQL must be a query returning one value (SELECT ...), not ${upper(body[0])}.`);
  }
  return parentheses(body) ?? pairs(body);
}
