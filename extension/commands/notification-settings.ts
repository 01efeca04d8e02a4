// Notification Settings for Group: all messages, mentions only, or muted, kept on this device
// only. The current level is marked; the badge, the lists and the toasts follow it at once.
import * as vscode from 'vscode';
import type { NotifyLevel } from '../../common/webview-protocol';
import { defaultNotifyLevel, isNotifyLevel, NOTIFY_LEVEL_NAMES } from '../notification-settings';
import { argsOf, type TeamChatCommand } from './command';

const WHAT_IT_DOES: Record<NotifyLevel, string> = {
  all: 'Count every new message and notify me of each one while its chat is not in front of me.',
  mentions: 'Count and notify me only of messages that mention @me.',
  muted: 'Never notify me and leave this group out of the unread count.',
};

export const notificationSettings: TeamChatCommand = {
  name: 'notificationSettings',
  async run(app, raw) {
    const session = app.requireSession();
    const group = await app.pickGroup(raw, 'TeamChat: Notification Settings for Group…');
    if (!group) return undefined;
    const current = session.notifyLevel(group);
    const usual = defaultNotifyLevel(group.members.length);
    const given = argsOf<{ level: string }>(raw).level;
    const level = isNotifyLevel(given)
      ? given
      : (
          await vscode.window.showQuickPick(
            (Object.keys(NOTIFY_LEVEL_NAMES) as NotifyLevel[]).map((l) => ({
              label: `${l === current ? '$(check)' : '$(blank)'} ${NOTIFY_LEVEL_NAMES[l]}`,
              description: [l === current ? 'current' : '', l === usual ? `default for a group of ${group.members.length}` : ''].filter(Boolean).join(' · '),
              detail: WHAT_IT_DOES[l],
              level: l,
            })),
            { title: `Notifications for ${group.name}`, placeHolder: `Now: ${NOTIFY_LEVEL_NAMES[current]}`, ignoreFocusOut: true },
          )
        )?.level;
    if (!level) return undefined;
    await session.setNotifyLevel(group.id, level);
    return level;
  },
};
