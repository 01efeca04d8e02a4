// Notification Settings for Group: all messages, mentions only, or muted, kept on this device
// only. The current level is marked; the badge, the lists and the toasts follow it at once.
import * as vscode from 'vscode';
import type { NotifyLevel } from '../../common/webview-protocol';
import { defaultNotifyLevel, isNotifyLevel, NOTIFY_LEVEL_NAMES, NOTIFY_LEVELS } from '../notification-settings';
import { argsOf, type TeamChatCommand } from './command';

export const notificationSettings: TeamChatCommand = {
  name: 'notificationSettings',
  async run(app, raw) {
    const session = app.requireSession();
    const group = await app.pickGroup(raw, 'TeamChat: Notification Settings for Group…');
    if (!group) return undefined;
    const given = argsOf<{ level: string }>(raw).level;
    const level = isNotifyLevel(given) ? given : await askLevel(group.name, group.members.length, session.notifyLevel(group), session.username);
    if (!level) return undefined;
    await session.setNotifyLevel(group.id, level);
    return level;
  },
};

async function askLevel(groupName: string, memberCount: number, current: NotifyLevel, me: string): Promise<NotifyLevel | undefined> {
  const whatItDoes: Record<NotifyLevel, string> = {
    all: 'Count every new message and notify me of each one while its chat is not in front of me.',
    mentions: `Count and notify me only of messages that mention @${me}.`,
    muted: 'Never notify me, and leave this group out of the unread count.',
  };
  const usual = defaultNotifyLevel(memberCount);
  const items = NOTIFY_LEVELS.map((level) => ({
    label: `${level === current ? '$(check)' : '$(blank)'} ${NOTIFY_LEVEL_NAMES[level]}`,
    description: [level === current ? 'current' : '', level === usual ? `default for a group of ${memberCount}` : ''].filter(Boolean).join(' · '),
    detail: whatItDoes[level],
    level,
  }));
  const pick = await vscode.window.showQuickPick(items, { title: `Notifications for ${groupName}`, placeHolder: `Now: ${NOTIFY_LEVEL_NAMES[current]}`, ignoreFocusOut: true });
  return pick?.level;
}
