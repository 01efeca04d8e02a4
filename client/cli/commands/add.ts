import type { Command } from '../command';

export const add: Command = {
  name: 'add',
  usage: 'add <group> <username> [--no-history]',
  summary: 'add a member; they get the group key sealed to their public key (and the older keys, unless --no-history)',
  arity: [2, 2],
  options: ['no-history'],
  async run(ctx) {
    const [groupRef, username] = ctx.args.positionals as [string, string];
    const client = await ctx.client();
    const member = await client.addMember(groupRef, username, { shareHistory: !ctx.args.options['no-history'] });
    const group = await client.group(groupRef);
    ctx.out.result({ groupId: group.id, ...member }, `Added ${username} to "${group.name}".`);
  },
};
