// When a shown webview page counts as stuck: never while it may still load, always once a frame has no
// document after STUCK_FRAME_MS or a document whose script has not started after STUCK_START_MS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STUCK_FRAME_MS, STUCK_START_MS, stuckReason, type PageState } from '../../client/src/webview/stuckPage';

const page = (ready: boolean, sinceLoaded?: number): PageState => ({ isReady: () => ready, sinceLoaded: () => sinceLoaded });

test('a frame without a document is stuck only after STUCK_FRAME_MS', () => {
  assert.equal(stuckReason(page(false), STUCK_FRAME_MS - 1), undefined);
  assert.match(stuckReason(page(false), STUCK_FRAME_MS) ?? '', /has no page 8 s after it was shown/);
});

test('a document whose script has not started is stuck only STUCK_START_MS after it loaded, however long it was shown', () => {
  assert.equal(stuckReason(page(false, STUCK_START_MS - 1), 10 * STUCK_START_MS), undefined);
  assert.match(stuckReason(page(false, STUCK_START_MS), STUCK_START_MS) ?? '', /script has not started 15 s after it loaded/);
});

test('a ready page is never stuck', () => {
  assert.equal(stuckReason(page(true, 10 * STUCK_START_MS), 10 * STUCK_START_MS), undefined);
  assert.equal(stuckReason(page(true), 10 * STUCK_FRAME_MS), undefined);
});
