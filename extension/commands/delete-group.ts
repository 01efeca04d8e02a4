// Delete Group: removes the group and its stored ciphertext for everyone (admins only).
import { confirm } from '../prompts';
import { argsOf, type TeamChatCommand } from './command';
import * as notify from '../plain-notifications';

export const deleteGroup: TeamChatCommand = {
  name: 'deleteGroup',
  async run(app, raw) {
    const session = app.requireSession();
    const group = await app.pickGroup(raw, 'TeamChat: Delete Group', (g) => g.isAdmin);
    if (!group) return undefined;
    if (argsOf<{ confirm: boolean }>(raw).confirm !== true && !(await confirm(`Delete ${group.name} and all its messages for every member? This cannot be undone.`, 'Delete'))) return undefined;
    await session.client.deleteGroup(group.id);
    void notify.info(`Deleted ${group.name}.`);
    return group.id;
  },
};
