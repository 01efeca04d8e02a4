// Shows a message alert (message-alerts.ts) as a VS Code notification with "Open Chat".
import type { MessageAlert } from './message-alerts';
import * as notify from './plain-notifications';

export class MessageNotifier {
  /** What was shown last, for the integration test; no text is logged. */
  lastShown: { groupId: string; msgId: string } | undefined;

  constructor(private readonly open: (groupId: string) => void) {}

  show(alert: MessageAlert): void {
    this.lastShown = { groupId: alert.groupId, msgId: alert.msgId };
    void notify.info(alert.text, 'Open Chat').then((choice) => {
      if (choice) this.open(alert.groupId);
    });
  }
}
