import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AliasFileError, appendAliasEvent, currentAliases, parseAliasEvents, serializeAliasEvent } from '../../../server/src/core/registry/aliases';
import type { AliasEvent } from '../../../server/src/core/registry/types';

const ev = (alias: string, version: number, from: number | null): AliasEvent => ({ alias, version, from, by: 'A <a@b>', at: '2025-01-01T00:00:00.000Z', reason: null });

test('the last move of each alias names its holder', () => {
  const text = [ev('production', 1, null), ev('staging', 2, null), ev('production', 2, 1), ev('staging', 3, 2)].map(serializeAliasEvent).join('');
  const events = parseAliasEvents(text, 'models/m/aliases.jsonl');
  assert.equal(events.length, 4);
  assert.deepEqual(currentAliases(events), { production: 2, staging: 3 });
});

test('a malformed line is reported with the file and its line number', () => {
  const text = `${serializeAliasEvent(ev('production', 1, null))}\n{"alias":"production","version":"two"}\n`;
  assert.throws(() => parseAliasEvents(text, 'models/m/aliases.jsonl'), (e: unknown) => {
    assert.ok(e instanceof AliasFileError);
    assert.equal(e.line, 3);
    assert.match(e.message, /^models\/m\/aliases\.jsonl:3: expected/);
    return true;
  });
  assert.throws(() => parseAliasEvents('{oops\n', 'f.jsonl'), /f\.jsonl:1: not valid JSON/);
});

test('appending keeps earlier lines byte for byte and repairs a missing final newline', () => {
  const first = serializeAliasEvent(ev('production', 1, null));
  const appended = appendAliasEvent(first.trimEnd(), ev('production', 2, 1));
  assert.ok(appended.startsWith(first));
  assert.equal(appended.split('\n').length, 3);
  assert.equal(appendAliasEvent('', ev('a', 1, null)), serializeAliasEvent(ev('a', 1, null)));
});
