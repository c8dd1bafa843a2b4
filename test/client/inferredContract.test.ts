// Issue 11, bug 5: Save of an inferred contract proposes contracts/<name>.odcs.yaml, never a file that
// exists (a real folder with real files, so the existence check is the file system's).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proposedContractPath } from '../../client/src/data/dataArgs';
import { isDataContract } from '../../server/src/core/contract/detect';

test('the proposed contract file is contracts/<name>.odcs.yaml, numbered past existing files, and is a contract by name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-propose-'));
  try {
    const first = proposedContractPath(dir, 'current', existsSync);
    assert.equal(first, join(dir, 'contracts', 'current.odcs.yaml'));
    assert.ok(isDataContract(first, undefined), 'the engine takes the proposed name for a contract');
    mkdirSync(join(dir, 'contracts'));
    writeFileSync(first, 'kept\n');
    writeFileSync(join(dir, 'contracts', 'current-2.odcs.yaml'), 'kept\n');
    assert.equal(proposedContractPath(dir, 'current', existsSync), join(dir, 'contracts', 'current-3.odcs.yaml'));
    // A name with spaces or a path-like name still gives one plain file in contracts/.
    assert.equal(proposedContractPath(dir, 'Customer churn: v3/1', existsSync), join(dir, 'contracts', 'customer-churn-v3-1.odcs.yaml'));
    assert.equal(proposedContractPath(dir, '...', existsSync), join(dir, 'contracts', 'contract.odcs.yaml'));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
