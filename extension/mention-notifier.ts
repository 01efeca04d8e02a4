// A notification when someone writes @you while the chat panel is hidden.
import * as vscode from 'vscode';
import type { ChatMessageView } from '../common/webview-protocol';

const PREVIEW_CHARS = 120;

export class MentionNotifier {
  /** What was shown last, for the integration test; no text is logged. */
  lastShown: { groupId: string; msgId: string } | undefined;

  constructor(
    private readonly panelVisible: () => boolean,
    private readonly open: (groupId: string) => void,
  ) {}

  maybeNotify(groupId: string, groupName: string, message: ChatMessageView): void {
    if (this.panelVisible() || message.isMine || !message.mentionsMe) return;
    const text = message.body.replace(/\s+/g, ' ').trim();
    const preview = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
    this.lastShown = { groupId, msgId: message.msgId };
    void vscode.window.showInformationMessage(`${message.sender} mentioned you in ${groupName}: ${preview}`, 'Open Chat').then((choice) => {
      if (choice) this.open(groupId);
    });
  }
}
