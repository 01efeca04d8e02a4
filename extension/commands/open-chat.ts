// Open Chat: shows the chat panel; with a group id, opens that group's chat.
import { groupIdOf } from '../teamchat-app';
import type { TeamChatCommand } from './command';

export const openChat: TeamChatCommand = {
  name: 'openChat',
  run(app, args) {
    app.openChat(groupIdOf(args));
  },
};
