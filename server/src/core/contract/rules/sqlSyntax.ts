import type { Range } from 'vscode-languageserver-types';
import { offsetAt } from '../../yaml/lines';
import type { YMap, YScalar } from '../../yaml/tree';
import { cachedSqlProblem, type SqlProblem } from '../sqlParse';
import type { ContractRule, ContractRuleContext } from './types';
import { forEachQuality, scalarAt } from './walk';

/**
 * Where a problem at an offset of a scalar's value is in the document: exact for plain, quoted (without
 * escapes) and literal block (`|`) scalars; the whole value otherwise.
 */
function rangeInScalar(ctx: ContractRuleContext, node: YScalar, p: SqlProblem): Range {
  const value = String(node.value);
  const start = offsetAt(ctx.starts, ctx.text.length, node.range.start);
  const source = ctx.text.slice(start, offsetAt(ctx.starts, ctx.text.length, node.range.end));
  const line = node.range.start.line;
  const inLine = (shift: number): Range => ({
    start: { line, character: node.range.start.character + shift + p.offset },
    end: { line, character: node.range.start.character + shift + p.offset + p.length },
  });
  if (source === value) return inLine(0);
  if ((source[0] === '"' || source[0] === "'") && source.slice(1, -1) === value) return inLine(1);
  if (source.startsWith('|')) {
    const before = value.slice(0, p.offset).split('\n');
    const k = before.length - 1;
    const docLine = ctx.text.slice(ctx.starts[line + 1 + k], ctx.starts[line + 2 + k]);
    const indent = /^ */.exec(docLine ?? '')![0].length;
    const character = indent + before[k]!.length;
    return { start: { line: line + 1 + k, character }, end: { line: line + 1 + k, character: character + p.length } };
  }
  return node.range;
}

/** The query scalars of every `sql` quality rule of a contract. */
export function sqlQueries(root: YMap): YScalar[] {
  const out: YScalar[] = [];
  forEachQuality(root, ({ node }) => {
    if (scalarAt(node, 'type')?.value !== 'sql') return;
    const query = scalarAt(node, 'query');
    if (query && typeof query.value === 'string') out.push(query);
  });
  return out;
}

/**
 * The query of a `sql` quality rule does not parse in DuckDB, or is not a single query. DuckDB's
 * verdicts come from the parse cache (filled off the keystroke path by the service's `prepare`); a
 * query not parsed yet gets no diagnostic until it is.
 */
export const sqlSyntax: ContractRule = {
  code: 'odcs-sql-syntax',
  check(ctx) {
    for (const query of sqlQueries(ctx.root)) {
      const problem = cachedSqlProblem(String(query.value));
      if (problem) ctx.report(rangeInScalar(ctx, query, problem), `SQL does not parse: ${problem.message}`);
    }
  },
};
