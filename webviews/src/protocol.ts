/**
 * Every message between the extension and its webviews, one union per view, keyed on `type`.
 * Types only: the client and each webview bundle import it.
 */

/** Sent by every webview first; the host holds its messages until it arrives. */
export interface ReadyMessage {
  type: 'ready';
}
