// What the Serving commands send and show, as plain data: argument lists, the "listening on" line,
// a test request read from CSV text (quotes, CRLF, missing columns), the status bar text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvHead, listeningUrl, monitorArgs, serveArgs, testRequestBody } from '../../client/src/serving/servingArgs';
import { stateMessage, statusText } from '../../client/src/serving/presentation';
import type { ServingStatus } from '../../webviews/src/protocol';

test('serve and monitor argument lists', () => {
  assert.deepEqual(serveArgs({ model: 'churn', alias: 'production', workspace: '/ws' }),
    ['serve', '--model', 'churn', '--alias', 'production', '--workspace', '/ws', '--port', '0']);
  assert.deepEqual(serveArgs({ model: 'churn', alias: 'production', shadow: 'staging', workspace: '/ws' }),
    ['serve', '--model', 'churn', '--alias', 'production', '--shadow', 'staging', '--workspace', '/ws', '--port', '0']);
  assert.deepEqual(monitorArgs('/ws/mlops.yaml'), ['monitor', '--spec', '/ws/mlops.yaml', '--format', 'json']);
});

test('the URL comes only from the "listening on" line', () => {
  assert.equal(listeningUrl('listening on http://127.0.0.1:41234'), 'http://127.0.0.1:41234');
  assert.equal(listeningUrl('primary (production) loaded v1 in 80 ms'), undefined);
  assert.equal(listeningUrl('not listening on http://x'), undefined);
});

test('the first rows of a CSV: quoted commas, doubled quotes, newlines in quotes, CRLF and blank lines', () => {
  const text = 'id,name,note\r\n1,"a, b","say ""hi"""\r\n\r\n2,c,"two\nlines"\r\n3,d,e\r\n4,f,g\r\n';
  const head = csvHead(text, 3);
  assert.deepEqual(head.header, ['id', 'name', 'note']);
  assert.deepEqual(head.records, [['1', 'a, b', 'say "hi"'], ['2', 'c', 'two\nlines'], ['3', 'd', 'e']]);
  assert.deepEqual(csvHead('a,b\n1,2', 5).records, [['1', '2']], 'a last line without newline');
});

test('a test request has one tensor per model input, typed by its datatype, and names the columns the file lacks', () => {
  const csv = csvHead('age,plan,paid,charges\n30,basic,true,\n41,gold,false,12.5\n', 5);
  const inputs = [{ name: 'age', datatype: 'INT64' }, { name: 'plan', datatype: 'BYTES' }, { name: 'paid', datatype: 'BOOL' },
    { name: 'charges', datatype: 'FP64' }, { name: 'region', datatype: 'BYTES' }];
  const { body, missing } = testRequestBody(inputs, csv);
  assert.deepEqual(missing, ['region']);
  assert.deepEqual(body.inputs, [
    { name: 'age', shape: [2], datatype: 'INT64', data: [30, 41] },
    { name: 'plan', shape: [2], datatype: 'BYTES', data: ['basic', 'gold'] },
    { name: 'paid', shape: [2], datatype: 'BOOL', data: [true, false] },
    { name: 'charges', shape: [2], datatype: 'FP64', data: [null, 12.5] },
  ]);
});

test('status bar text and view message follow the session', () => {
  const choice = { model: 'churn', alias: 'production', workspace: '/ws' };
  assert.equal(statusText({ kind: 'stopped' }), undefined);
  assert.match(statusText({ kind: 'starting', choice })!, /Serving churn/);
  const status = { model: 'churn', startedAt: '', primary: { alias: 'production', version: 3 }, shadow: null,
    live: { requests: 10, errors: 0, perSecond: 12.345, errorRate: 0, p50Ms: 1, p99Ms: 2 }, timeline: [] } as ServingStatus;
  assert.equal(statusText({ kind: 'serving', choice, url: 'http://x', status }), '$(radio-tower) churn v3 · 12.3 req/s');
  assert.deepEqual(stateMessage({ kind: 'serving', choice, url: 'http://x', status }), { type: 'status', url: 'http://x', status });
  assert.deepEqual(stateMessage({ kind: 'serving', choice, url: 'http://x' }), { type: 'starting', model: 'churn', alias: 'production', shadow: null });
  assert.deepEqual(stateMessage({ kind: 'stopped', message: 'Stopped.' }), { type: 'stopped', message: 'Stopped.' });
});
