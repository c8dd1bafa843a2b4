// Deprecated keys in a v3.1.0 contract (issue 12 item 5): each is a deprecation warning (struck through)
// with its v3.1.0 spelling and a quick fix; the fixed document must be one the official v3.1.0 schema
// accepts, and clean for us.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticTag, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { parse } from 'yaml';
import { contractService } from '../../../server/src/core/contract/service';
import { SKIP_REASON, odcsDir, officialValidator } from './shared';

const HOST = { exists: () => false, readText: () => undefined, listDir: () => [], workspaceRoot: () => undefined };
const HEAD = 'apiVersion: v3.1.0\nkind: DataContract\nid: d\nversion: 1.0.0\nstatus: active\n';

const doc = (text: string) => ({ uri: 'file:///x/d.odcs.yaml', path: '/x/d.odcs.yaml', text, version: 1 });
const validate = (text: string) => contractService.validate(doc(text), HOST);

/** Applies LSP edits to a text (written here, apart from the product: offsets from line/character). */
function apply(text: string, edits: TextEdit[]): string {
  const starts = [0, ...[...text].flatMap((c, i) => (c === '\n' ? [i + 1] : []))];
  const offset = (p: { line: number; character: number }) => (p.line >= starts.length ? text.length : starts[p.line]! + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  return sorted.reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

function fixAll(text: string): { fixed: string; deprecations: Diagnostic[] } {
  const diagnostics = validate(text);
  const deprecations = diagnostics.filter((d) => d.code === 'odcs-deprecated');
  const actions = contractService.codeActions!(doc(text), deprecations[0]!.range, deprecations, HOST).filter((a) => a.title !== undefined && !a.title.startsWith('Change to'));
  assert.equal(actions.length, deprecations.length, 'one fix per deprecation');
  // The fixes of one document never overlap, so they can be applied together.
  const edits = actions.flatMap((a) => Object.values(a.edit!.changes!)[0]!);
  return { fixed: apply(text, edits), deprecations };
}

describe('deprecated keys in a v3.1.0 contract', { skip: odcsDir ? false : SKIP_REASON }, () => {
  const official = () => officialValidator('3.1.0');

  const cases: Array<[string, string, RegExp]> = [
    ['rule: duplicateCount becomes metric: duplicateValues', 'schema:\n  - name: t\n    properties:\n      - name: a\n        quality:\n          - rule: duplicateCount\n            mustBeLessThan: 1\n', /metric: duplicateValues/],
    ['rule: validValues moves its list under arguments', 'schema:\n  - name: t\n    properties:\n      - name: a\n        quality:\n          - { rule: validValues, validValues: [x, y], mustBe: 0 }\n', /metric: invalidValues, arguments: \{ validValues: \[x, y\] \}/],
    ['a rule beside its metric is removed', 'schema:\n  - name: t\n    properties:\n      - name: a\n        quality:\n          - metric: nullValues\n            rule: nullValues\n            mustBe: 0\n', /^(?![\s\S]*rule:)/],
    ['a list of members moves under team.members', 'team:\n  - username: ann\n    role: owner\n  - username: bob\n', /team:\n  members:\n    - username: ann\n      role: owner\n    - username: bob\n/],
    ['a flow list of members too', 'team: [{ username: ann }]\n', /team: \{ members: \[\{ username: ann \}\] \}/],
    ['slaDefaultElement moves into each SLA without an element', 'slaDefaultElement: t.created\nslaProperties:\n  - property: latency\n    value: 1\n  - { property: retention, value: 3, unit: y }\n  - property: frequency\n    value: 1\n    element: t.other\n', /latency\n    value: 1\n    element: t.created\n  - \{ property: retention, value: 3, unit: y, element: t.created \}/],
    ['exclusiveMinimum: true becomes the bound', 'schema:\n  - name: t\n    properties:\n      - name: a\n        logicalType: integer\n        logicalTypeOptions:\n          minimum: 5\n          exclusiveMinimum: true\n          maximum: 9\n          exclusiveMaximum: false\n', /logicalTypeOptions:\n          exclusiveMinimum: 5\n          maximum: 9\n$/],
  ];
  for (const [name, body, expected] of cases) {
    it(name, () => {
      const { fixed, deprecations } = fixAll(HEAD + body);
      for (const d of deprecations) {
        assert.equal(d.severity, 2);
        assert.deepEqual(d.tags, [DiagnosticTag.Deprecated]);
      }
      assert.match(fixed, expected);
      assert.equal(official()(parse(fixed)), true, `the official v3.1.0 schema accepts the fixed contract:\n${fixed}`);
      assert.deepEqual(validate(fixed).map((d) => d.message), []);
    });
  }

  it('dataProduct has no replacement: a warning without a fix', () => {
    const d = validate(`${HEAD}dataProduct: shop\n`);
    assert.deepEqual(d.map((x) => [String(x.code), x.message]), [['odcs-deprecated', '"dataProduct" is deprecated since ODCS v3.1.0 (to be removed in v4.0.0); it has no replacement.']]);
    assert.equal(d[0]!.data, undefined);
  });

  it('a v3.0.x contract is not told its own spelling is deprecated', () => {
    const text = `${HEAD.replace('v3.1.0', 'v3.0.2')}team:\n  - username: ann\nschema:\n  - name: t\n    quality:\n      - rule: rowCount\n        mustBeGreaterThan: 0\n`;
    assert.deepEqual(validate(text), []);
  });
});
