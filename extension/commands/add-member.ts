// Add Member: seals the group's keys (history included) for a new member's public key.
import { askMembers } from '../prompts';
import { argsOf, stringArg, type TeamChatCommand } from './command';
import * as notify from '../plain-notifications';

export const addMember: TeamChatCommand = {
  name: 'addMember',
  async run(app, raw) {
    const session = app.requireSession();
    const group = await app.pickGroup(raw, 'TeamChat: Add Member', (g) => g.isAdmin);
    if (!group) return undefined;
    const given = stringArg(argsOf<{ username: string }>(raw).username);
    const names = given ? [given] : await askMembers(`Add to ${group.name}`);
    if (!names?.length) return undefined;
    for (const username of names) await session.client.addMember(group.id, username);
    void notify.info(`Added ${names.join(', ')} to ${group.name}.`);
    return names;
  },
};
