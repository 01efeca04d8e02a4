import type { Command } from '../command';

export const remove: Command = {
  name: 'remove',
  usage: 'remove <group> <username>',
  summary: 'remove a member and rotate the group key for everyone who stays',
  arity: [2, 2],
  async run(ctx) {
    const [groupRef, username] = ctx.args.positionals as [string, string];
    const client = await ctx.client();
    const answer = await client.removeMember(groupRef, username);
    const group = await client.group(groupRef);
    ctx.out.result({ groupId: group.id, username, ...answer }, `Removed ${username} from "${group.name}"; the group key is now generation ${answer.generation}.`);
  },
};
