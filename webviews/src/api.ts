/**
 * The webview side of the message channel: typed `post`, a listener that only passes messages the view
 * understands, and the state VS Code keeps across reloads of the webview.
 */

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The typed channel of one view; ToView is what the host sends, FromView what the view sends. */
export interface ViewApi<ToView, FromView, State> {
  post(message: FromView): void;
  onMessage(handler: (message: ToView) => void): void;
  /** The saved state, or `initial` merged under whatever was saved (fields added later get defaults). */
  loadState(initial: State): State;
  saveState(state: State): void;
}

/**
 * Connects the view. `accept` is the view's guard: messages that do not pass it are ignored, so a
 * malformed message can never reach rendering code.
 */
export function connect<ToView extends { type: string }, FromView, State extends object>(
  accept: (m: unknown) => m is ToView,
): ViewApi<ToView, FromView, State> {
  const vscode = acquireVsCodeApi();
  return {
    post: (message) => vscode.postMessage(message),
    onMessage(handler) {
      window.addEventListener('message', (event: MessageEvent) => {
        if (accept(event.data)) handler(event.data);
      });
    },
    loadState(initial) {
      const saved = vscode.getState();
      return typeof saved === 'object' && saved !== null ? { ...initial, ...(saved as Partial<State>) } : initial;
    },
    saveState: (state) => vscode.setState(state),
  };
}
