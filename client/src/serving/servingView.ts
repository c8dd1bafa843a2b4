/** The Serving webview view: what the window's `mlops serve` does now, its version timeline, test requests. */
import * as vscode from 'vscode';
import { COMMANDS } from '../../../server/src/cliProtocol';
import { isServingFromView, type ServingToView } from '../../../webviews/src/protocol';
import type { MlopsContext } from '../context';
import { WebviewViewProvider } from '../webview/viewProvider';
import { stateMessage } from './presentation';
import type { SessionState } from './session';

export class ServingView implements vscode.Disposable {
  static readonly id = 'mlops.serving';
  private readonly provider: WebviewViewProvider<'serving'>;
  private state: ServingToView = { type: 'stopped' };
  private lastTest: ServingToView | null = null;

  constructor(ctx: MlopsContext) {
    this.provider = new WebviewViewProvider({
      id: ServingView.id,
      view: 'serving',
      title: 'Serving',
      extensionUri: ctx.extension.extensionUri,
      accept: isServingFromView,
      onReady: () => { this.provider.post(this.state); if (this.lastTest) this.provider.post(this.lastTest); },
      onMessage: (m) => {
        const command = m.type === 'serve' ? COMMANDS.serveModel : m.type === 'stop' ? COMMANDS.stopServing : COMMANDS.sendTestRequest;
        void vscode.commands.executeCommand(command);
      },
      log: (l) => ctx.output.appendLine(l),
    });
  }

  register(): vscode.Disposable {
    return this.provider.register();
  }

  async reveal(): Promise<void> {
    await this.provider.reveal();
  }

  /** Shows a session state (the latest one survives the view being closed and reopened). */
  show(s: SessionState): void {
    this.state = stateMessage(s);
    if (s.kind !== 'serving') this.lastTest = null;
    this.provider.post(this.state);
  }

  showTest(message: Extract<ServingToView, { type: 'testResult' | 'error' }>): void {
    this.lastTest = message;
    this.provider.post(message);
  }

  /** What the view shows now, and the last test answer (for the extension-host tests). */
  current(): { state: ServingToView; test: ServingToView | null } {
    return { state: this.state, test: this.lastTest };
  }

  dispose(): void {
    this.provider.dispose();
  }
}
