// Open Chat: shows the chat as an editor tab; with a group id, opens that group's chat.
// (Open Chat in Side View shows it as a view instead.)
import { groupIdOf } from '../teamchat-app';
import type { TeamChatCommand } from './command';

export const openChat: TeamChatCommand = {
  name: 'openChat',
  run(app, args) {
    app.openChat(groupIdOf(args), 'tab');
  },
};
