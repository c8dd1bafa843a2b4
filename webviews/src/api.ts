/**
 * The webview side of the message channel: typed `post`, a listener that only passes messages the view
 * understands, the state VS Code keeps across reloads of the webview, and the ready handshake.
 *
 * A webview page can be torn down and reloaded by VS Code at any time (hidden and re-shown, moved,
 * loaded while the extension host is busy). So that a reloaded page never sits blank: the last message
 * that describes the whole view (a "snapshot": the runs table, the drift report, ...) is kept with
 * `setState` and drawn again at once on reload, and `ready` is re-sent until the host answers it.
 */
import { isReadyAck, type ViewName } from './protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The API object the page's boot script acquired (see page.ts); a page without it acquires its own. */
function vsCodeApi(): VsCodeApi {
  return (window as { __mlopsVsCodeApi?: VsCodeApi }).__mlopsVsCodeApi ?? acquireVsCodeApi();
}

/** The typed channel of one view; ToView is what the host sends, FromView what the view sends. */
export interface ViewApi<ToView, FromView, State> {
  /** Sends to the host; `{ type: 'ready' }` first replays the saved snapshot, then is re-sent until answered. */
  post(message: FromView): void;
  onMessage(handler: (message: ToView) => void): void;
  /** The saved state, or `initial` merged under whatever was saved (fields added later get defaults). */
  loadState(initial: State): State;
  saveState(state: State): void;
}

/** Host messages that each describe a whole view; the latest of each type is kept across reloads. */
const SNAPSHOT_TYPES: Record<ViewName, readonly string[]> = {
  experiments: ['runs'],
  drift: ['report'],
  pipeline: ['pipeline'],
  serving: ['stopped', 'starting', 'status'],
};

/** Where the snapshot sits in the state VS Code keeps (beside the view's own fields). */
const SNAPSHOT_KEY = '__snapshot';

/** Re-sends of `ready`: quickly at first, then every few seconds until the host answers. */
export const READY_RETRY_MS = [500, 1000, 2000, 4000] as const;

/**
 * Connects the view. `accept` is the view's guard: messages that do not pass it are ignored, so a
 * malformed message can never reach rendering code.
 */
export function connect<ToView extends { type: string }, FromView extends { type: string }, State extends object>(
  accept: (m: unknown) => m is ToView,
): ViewApi<ToView, FromView, State> {
  const vscode = vsCodeApi();
  const view = document.body.dataset.view as ViewName | undefined;
  const snapshotTypes = new Set(view ? SNAPSHOT_TYPES[view] ?? [] : []);
  const saved = vscode.getState();
  const savedObject = typeof saved === 'object' && saved !== null ? (saved as Record<string, unknown>) : {};
  const { [SNAPSHOT_KEY]: savedSnapshot, ...savedFields } = savedObject;
  let fields: object = savedFields;
  let snapshot: ToView[] = Array.isArray(savedSnapshot) ? savedSnapshot.filter(accept) : [];
  const handlers: Array<(message: ToView) => void> = [];
  let acked = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const store = () => vscode.setState({ ...fields, [SNAPSHOT_KEY]: snapshot });
  const keep = (m: ToView) => {
    if (!snapshotTypes.has(m.type)) return;
    snapshot = [...snapshot.filter((s) => s.type !== m.type), m];
    store();
  };
  const sendReady = (attempt: number) => {
    vscode.postMessage({ type: 'ready' });
    const wait = READY_RETRY_MS[Math.min(attempt, READY_RETRY_MS.length - 1)];
    retry = setTimeout(() => acked || sendReady(attempt + 1), wait);
  };

  window.addEventListener('message', (event: MessageEvent) => {
    if (isReadyAck(event.data)) {
      acked = true;
      clearTimeout(retry);
      return;
    }
    if (!accept(event.data)) return;
    keep(event.data);
    for (const handler of handlers) handler(event.data);
  });

  return {
    post(message) {
      if (message.type !== 'ready') return vscode.postMessage(message);
      // What the page showed before it was reloaded, at once; the host's answer replaces it.
      for (const m of snapshot) for (const handler of handlers) handler(m);
      acked = false;
      clearTimeout(retry);
      sendReady(0);
    },
    onMessage(handler) {
      handlers.push(handler);
    },
    loadState(initial) {
      return { ...initial, ...(fields as Partial<State>) };
    },
    saveState(state) {
      fields = state;
      store();
    },
  };
}
