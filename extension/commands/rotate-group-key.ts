// Rotate Group Key: makes generation g+1 and seals it for exactly the current members.
import type { TeamChatCommand } from './command';
import * as notify from '../plain-notifications';

export const rotateGroupKey: TeamChatCommand = {
  name: 'rotateGroupKey',
  async run(app, raw) {
    const session = app.requireSession();
    const group = await app.pickGroup(raw, 'TeamChat: Rotate Group Key');
    if (!group) return undefined;
    const answer = await session.client.rotate(group.id);
    void notify.info(`${group.name} now uses key generation ${answer.generation}.`);
    return answer.generation;
  },
};
