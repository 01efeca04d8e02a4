import type { Command } from '../command';

export const leave: Command = {
  name: 'leave',
  usage: 'leave <group>',
  summary: 'leave a group (a remaining member rotates its key before the next message)',
  arity: [1, 1],
  async run(ctx) {
    const client = await ctx.client();
    const group = await client.group(ctx.args.positionals[0] as string);
    await client.leave(group);
    ctx.out.result({ groupId: group.id, left: true }, `You left "${group.name}".`);
  },
};
