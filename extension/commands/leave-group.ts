// Leave Group: leaves; the remaining members' next send rotates the key.
import { confirm } from '../prompts';
import { argsOf, type TeamChatCommand } from './command';
import * as notify from '../plain-notifications';

export const leaveGroup: TeamChatCommand = {
  name: 'leaveGroup',
  async run(app, raw) {
    const session = app.requireSession();
    const group = await app.pickGroup(raw, 'TeamChat: Leave Group');
    if (!group) return undefined;
    if (argsOf<{ confirm: boolean }>(raw).confirm !== true && !(await confirm(`Leave ${group.name}? You will need an admin to add you again.`, 'Leave'))) return undefined;
    await session.client.leave(group.id);
    void notify.info(`You left ${group.name}.`);
    return group.id;
  },
};
