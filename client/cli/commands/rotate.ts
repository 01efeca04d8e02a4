import type { Command } from '../command';

export const rotate: Command = {
  name: 'rotate',
  usage: 'rotate <group>',
  summary: 'make a new group key generation for the current members',
  arity: [1, 1],
  async run(ctx) {
    const client = await ctx.client();
    const group = await client.group(ctx.args.positionals[0] as string);
    const answer = await client.rotate(group);
    ctx.out.result({ groupId: group.id, ...answer }, `Rotated "${group.name}"; the group key is now generation ${answer.generation}.`);
  },
};
