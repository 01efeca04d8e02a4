// The extension's state in one place: the panel and its bridge, the status bar, the session.
import * as vscode from 'vscode';
import type { PanelAction, SessionView } from '../common/webview-protocol';
import { CommandId } from './commands/ids';
import { ChatPanel } from './panel/chat-panel';
import { PanelBridge } from './panel/panel-bridge';

const ACTION_COMMANDS: Record<PanelAction, string> = {
  signIn: CommandId.signIn,
  signUp: CommandId.signUp,
  unlock: CommandId.signIn,
  addMember: CommandId.addMember,
  removeMember: CommandId.removeMember,
  leaveGroup: CommandId.leaveGroup,
  rotateGroupKey: CommandId.rotateGroupKey,
  deleteGroup: CommandId.deleteGroup,
  verifyMember: CommandId.verifyMember,
};

export class TeamChatApp implements vscode.Disposable {
  readonly bridge: PanelBridge;
  readonly panel: ChatPanel;

  constructor(readonly context: vscode.ExtensionContext) {
    this.bridge = new PanelBridge({
      post: (m) => this.panel.post(m),
      runAction: (action, args) => void vscode.commands.executeCommand(ACTION_COMMANDS[action], args),
      openSnippet: (target) => void vscode.commands.executeCommand('teamchat.internal.openSnippet', target),
      sessionWithoutChat: (): SessionView => ({ state: 'signed-out' }),
    });
    this.panel = new ChatPanel(context.extensionUri, this.bridge);
  }

  dispose(): void {
    this.panel.dispose();
    this.bridge.dispose();
  }
}
