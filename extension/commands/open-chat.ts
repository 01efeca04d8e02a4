// Open Chat: shows the chat panel; with a group id, opens that group's chat.
import type { TeamChatCommand } from './command';

export const openChat: TeamChatCommand = {
  name: 'openChat',
  run(app, args?: unknown) {
    app.panel.show();
    const groupId = (args as { groupId?: unknown } | undefined)?.groupId;
    if (typeof groupId === 'string') app.bridge.focusGroup(groupId);
  },
};
