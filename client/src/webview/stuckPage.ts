/**
 * When a shown webview page counts as stuck for good (see frameRecovery.ts for why frames get stuck in
 * VS Code for the web). Pure: the views' watchdogs ask it once a second until the page is ready.
 */

/**
 * How long a shown webview's frame may stay without its document before it counts as stuck. A healthy
 * frame gets it within a few seconds even on a busy machine (its page then says `loading` at once,
 * however long the bundle takes); a stuck one never does.
 */
export const STUCK_FRAME_MS = 8000;

/**
 * How long a page whose document exists may take to start its bundle (say `ready`) before it counts as
 * stuck too: the bundle and its style sheet come through the same service worker, so a worker replaced
 * while it fetches them leaves the page with its document but without its script, for good. A healthy
 * page starts within a few seconds of its document, even on a busy machine.
 */
export const STUCK_START_MS = 15_000;

/** What a page host tells about its page (WebviewHost). */
export interface PageState {
  isReady(): boolean;
  /** How long ago the page's document said `loading` (ms), or undefined before it did. */
  sinceLoaded(): number | undefined;
}

/**
 * Why a shown page counts as stuck, or undefined while it is fine or may still load: no document
 * STUCK_FRAME_MS after it was shown, or a document whose script has not started STUCK_START_MS after.
 */
export function stuckReason(page: PageState, shownMs: number): string | undefined {
  if (page.isReady()) return undefined;
  const since = page.sinceLoaded();
  if (since === undefined) return shownMs >= STUCK_FRAME_MS ? `has no page ${STUCK_FRAME_MS / 1000} s after it was shown` : undefined;
  return since >= STUCK_START_MS ? `has a page whose script has not started ${STUCK_START_MS / 1000} s after it loaded` : undefined;
}

/** How often a shown page that is not ready yet is looked at. */
export const WATCH_EVERY_MS = 1000;
