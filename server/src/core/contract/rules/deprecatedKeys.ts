import type { Range, TextEdit } from 'vscode-languageserver-types';
import { offsetAt } from '../../yaml/lines';
import { getChild, getPair, type YMap, type YNode, type YPair } from '../../yaml/tree';
import { versionOf } from '../odcs/versions';
import type { ContractRule, ContractRuleContext } from './types';
import { forEachProperty, forEachQuality } from './walk';

/**
 * Keys ODCS v3.1.0 deprecates, in a v3.1.0 document, each with its new spelling and, where the text
 * allows it, a quick fix that rewrites it: `rule` (now `metric`), a list under `team` (now `team:
 * members:`), `slaDefaultElement` (now `element` on each SLA), `dataProduct` (no replacement), and
 * v3.0's exclusiveMinimum/exclusiveMaximum booleans (now the bound itself). The editor shows them
 * struck through (DiagnosticTag.Deprecated, added in diagnose.ts).
 */
export const DEPRECATED_CODE = 'odcs-deprecated';

const text = (ctx: ContractRuleContext, r: Range) => ctx.text.slice(offsetAt(ctx.starts, ctx.text.length, r.start), offsetAt(ctx.starts, ctx.text.length, r.end));
const lineText = (ctx: ContractRuleContext, line: number) => ctx.text.slice(ctx.starts[line] ?? ctx.text.length, ctx.starts[line + 1] ?? ctx.text.length);
const indentOf = (ctx: ContractRuleContext, line: number) => /^ */.exec(lineText(ctx, line))![0].length;
const at = (line: number, character: number) => ({ line, character });

/** The whole lines of a block mapping's pair (key to the end of its value), to delete it. */
function pairLines(p: YPair): Range {
  const end = p.value.range.end;
  return { start: at(p.key.range.start.line, 0), end: end.character === 0 ? end : at(end.line + 1, 0) };
}

/** A scalar written back as YAML (quoted when it would not read back as the same string). */
function yamlScalar(value: unknown): string {
  const s = String(value);
  return /^[\w./-]+$/.test(s) ? s : JSON.stringify(s);
}

// v3.0's library rules that v3.1.0 renamed.
const RENAMED: Record<string, string> = { duplicateCount: 'duplicateValues', validValues: 'invalidValues' };

function ruleFix(ctx: ContractRuleContext, q: YMap, rule: YPair): TextEdit[] | undefined {
  if (getPair(q, 'metric')) return q.flow ? undefined : [{ range: pairLines(rule), newText: '' }];
  const edits: TextEdit[] = [{ range: rule.key.range, newText: 'metric' }];
  const name = rule.value.kind === 'scalar' ? String(rule.value.value) : '';
  if (RENAMED[name]) edits.push({ range: rule.value.range, newText: RENAMED[name]! });
  if (name === 'validValues') {
    // v3.0 wrote the list beside the rule; v3.1.0 puts it under arguments. Only a one-line list is moved.
    const list = getPair(q, 'validValues');
    if (!list || getPair(q, 'arguments') || list.value.range.start.line !== list.value.range.end.line) return undefined;
    edits.push({ range: { start: list.key.range.start, end: list.value.range.end }, newText: `arguments: { validValues: ${text(ctx, list.value.range)} }` });
  }
  return edits;
}

function checkRules(ctx: ContractRuleContext): void {
  forEachQuality(ctx.root, ({ node }) => {
    const rule = getPair(node, 'rule');
    if (!rule) return;
    const edits = ruleFix(ctx, node, rule);
    ctx.report(rule.key.range, '"rule" is deprecated since ODCS v3.1.0: a library rule is named by "metric" (duplicateCount is now duplicateValues, validValues is invalidValues with arguments.validValues).',
      'warning', edits ? { title: 'Write it as a v3.1.0 metric', edits } : undefined);
  });
}

function teamFix(ctx: ContractRuleContext, team: YPair): TextEdit[] {
  const list = team.value;
  if (list.kind !== 'seq' || list.flow || list.items.length === 0) {
    return [{ range: { start: list.range.start, end: list.range.start }, newText: '{ members: ' }, { range: { start: list.range.end, end: list.range.end }, newText: ' }' }];
  }
  const first = list.range.start.line;
  const last = list.range.end.character === 0 ? list.range.end.line - 1 : list.range.end.line;
  // One insert per line (two at one place would apply in an order the client chooses): the first line
  // gets `members:` above it; every line of the list moves two columns right.
  const members = `${' '.repeat(indentOf(ctx, team.key.range.start.line) + 2)}members:\n`;
  const edits: TextEdit[] = [];
  for (let line = first; line <= last; line++) {
    if (line === first || lineText(ctx, line).trim() !== '') edits.push({ range: { start: at(line, 0), end: at(line, 0) }, newText: line === first ? `${members}  ` : '  ' });
  }
  return edits;
}

function slaFix(ctx: ContractRuleContext, pair: YPair): TextEdit[] | undefined {
  if (pair.value.kind !== 'scalar' || ctx.root.flow) return undefined;
  const element = yamlScalar(pair.value.value);
  const edits: TextEdit[] = [{ range: pairLines(pair), newText: '' }];
  const sla = getChild(ctx.root, 'slaProperties');
  for (const m of sla?.kind === 'seq' ? sla.items : []) {
    if (m.kind !== 'map' || m.pairs.length === 0 || getPair(m, 'element')) continue;
    const end = m.range.end;
    const after = m.pairs.at(-1)!.value.range.end;
    if (m.flow) edits.push({ range: { start: after, end: after }, newText: `, element: ${element}` });
    else if (end.character === 0) edits.push({ range: { start: end, end }, newText: `${' '.repeat(m.pairs[0]!.key.range.start.character)}element: ${element}\n` });
    else edits.push({ range: { start: end, end }, newText: `\n${' '.repeat(m.pairs[0]!.key.range.start.character)}element: ${element}` });
  }
  return edits;
}

function checkRoot(ctx: ContractRuleContext): void {
  const team = getPair(ctx.root, 'team');
  if (team?.value.kind === 'seq') {
    ctx.report(team.key.range, 'A list of members under "team" is deprecated since ODCS v3.1.0: write team: { members: [...] } (it also takes name, description, tags).',
      'warning', { title: 'Move the list under team.members', edits: teamFix(ctx, team) });
  }
  const sla = getPair(ctx.root, 'slaDefaultElement');
  if (sla) {
    const edits = slaFix(ctx, sla);
    ctx.report(sla.key.range, '"slaDefaultElement" is deprecated since ODCS v3.1.0 (to be removed in v4.0.0): give each SLA property its own "element".',
      'warning', edits ? { title: 'Move it into each SLA property as "element"', edits } : undefined);
  }
  const product = getPair(ctx.root, 'dataProduct');
  if (product) ctx.report(product.key.range, '"dataProduct" is deprecated since ODCS v3.1.0 (to be removed in v4.0.0); it has no replacement.', 'warning');
}

function boundFix(options: YMap, flag: YPair, bound: YPair | undefined, ctx: ContractRuleContext): TextEdit[] | undefined {
  if (options.flow) return undefined;
  if (flag.value.kind === 'scalar' && flag.value.value === false) return [{ range: pairLines(flag), newText: '' }];
  if (!bound) return undefined;
  return [{ range: flag.value.range, newText: text(ctx, bound.value.range) }, { range: pairLines(bound), newText: '' }];
}

function checkBounds(ctx: ContractRuleContext): void {
  forEachProperty(ctx.root, ({ node }) => {
    const options = getChild(node, 'logicalTypeOptions');
    if (options?.kind !== 'map') return;
    for (const [key, side] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
      const flag = getPair(options, key);
      if (flag?.value.kind !== 'scalar' || typeof flag.value.value !== 'boolean') continue;
      const edits = boundFix(options, flag, getPair(options, side), ctx);
      ctx.report(flag.value.range, `${key}: ${String(flag.value.value)} is ODCS v3.0's form; since v3.1.0 ${key} is the bound itself (write ${key}: <the ${side}> instead of ${side}).`,
        'warning', edits ? { title: `Write ${key} as the bound`, edits } : undefined);
    }
  });
}

/** Deprecated keys of a v3.1.0 document, with their v3.1.0 spelling. */
export const deprecatedKeys: ContractRule = {
  code: DEPRECATED_CODE,
  check(ctx) {
    if (versionOf(ctx.root as YNode) !== '3.1') return;
    checkRoot(ctx);
    checkRules(ctx);
    checkBounds(ctx);
  },
};
