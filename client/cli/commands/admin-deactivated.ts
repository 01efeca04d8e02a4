import type { Command } from '../command';

export const adminDeactivated: Command = {
  name: 'admin deactivated',
  usage: 'admin deactivated',
  summary: 'list the deactivated or deleted members of the groups you are an admin of, with the command that removes each',
  arity: [0, 0],
  async run(ctx) {
    const client = await ctx.client();
    await client.refreshGroups();
    const found = client.deactivatedMembers();
    ctx.out.result({ members: found }, found.length === 0
      ? ['No deactivated members in the groups you are an admin of.']
      : found.map((m) => `${m.username}'s account was ${m.status} in "${m.groupName}": remove them (rotates the key) with: teamchat remove ${m.groupId} ${m.username}`));
  },
};
