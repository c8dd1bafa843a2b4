/**
 * Custom messages between the VS Code client and the language server, and the settings the client
 * sends. The client imports this file; every message names its sender.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** Options the client passes in `initialize` (initializationOptions). */
export interface ServerInitOptions {
  /** Milliseconds to wait after the last edit before validating (default 100; 0 validates at once). */
  debounceMs?: number;
}

/** Client -> server: validate every spec and contract of the workspace folders now (e.g. after a checkout). */
export const ValidateWorkspaceRequest = new RequestType<void, { files: number; errors: number; warnings: number }, void>('mlops/validateWorkspace');

/** Server -> client: validation of a document finished (lets tests and the status bar wait for it). */
export interface ValidatedParams {
  uri: string;
  version: number | null;
  errors: number;
  warnings: number;
  millis: number;
}
export const ValidatedNotification = new NotificationType<ValidatedParams>('mlops/validated');
