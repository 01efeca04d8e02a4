// Open Chat in Side View: shows the chat as a view (in the panel, or wherever the user moved
// it, such as the secondary side bar) instead of an editor tab; with a group id, at that group.
import { groupIdOf } from '../teamchat-app';
import type { TeamChatCommand } from './command';

export const openChatView: TeamChatCommand = {
  name: 'openChatView',
  async run(app, args) {
    const groupId = groupIdOf(args);
    await app.chat.show('view', groupId ? { groupId } : undefined);
  },
};
