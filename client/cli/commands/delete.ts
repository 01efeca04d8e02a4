import type { Command } from '../command';

export const deleteGroup: Command = {
  name: 'delete',
  usage: 'delete <group>',
  summary: 'delete a group and its messages for everyone (admins only)',
  arity: [1, 1],
  async run(ctx) {
    const client = await ctx.client();
    const group = await client.group(ctx.args.positionals[0] as string);
    await client.deleteGroup(group);
    ctx.out.result({ groupId: group.id, deleted: true }, `Deleted "${group.name}".`);
  },
};
