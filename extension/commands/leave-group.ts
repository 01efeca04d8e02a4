// Leave Group: leaves; the remaining members' next send rotates the key.
import type { Group } from '../../client';
import { confirm } from '../prompts';
import { argsOf, type TeamChatCommand } from './command';
import * as notify from '../plain-notifications';

export const leaveGroup: TeamChatCommand = {
  name: 'leaveGroup',
  async run(app, raw) {
    const session = app.requireSession();
    const group = await app.pickGroup(raw, 'TeamChat: Leave Group');
    if (!group) return undefined;
    const dm = (group as Group).dm;
    const question = dm
      ? `Leave the conversation with ${dm.with}? It ends for both of you; ${dm.with} can still read it, and either of you can start a new one.`
      : `Leave ${group.name}? You will need an admin to add you again.`;
    if (argsOf<{ confirm: boolean }>(raw).confirm !== true && !(await confirm(question, 'Leave'))) return undefined;
    await session.client.leave(group.id);
    void notify.info(dm ? `You left the conversation with ${dm.with}.` : `You left ${group.name}.`);
    return group.id;
  },
};
