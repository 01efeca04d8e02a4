import { GroupNameTakenError } from '../../groups/group-creation';
import { UsageError } from '../cli-errors';
import type { Command } from '../command';

export const rename: Command = {
  name: 'rename',
  usage: 'rename <group> <new-name> [--again]',
  summary: 'rename a group (admin), as a signed change every member sees; --again gives it a name you have another group of',
  arity: [2, 2],
  options: ['again'],
  async run(ctx) {
    const [groupRef, name] = ctx.args.positionals as [string, string];
    const client = await ctx.client();
    const before = await client.group(groupRef);
    try {
      await client.renameGroup(before.id, name, { allowSameName: ctx.args.options.again === true });
    } catch (error) {
      if (error instanceof GroupNameTakenError) {
        throw new UsageError(`You already have a group named "${error.groupName}"; add --again to give this one the same name.`);
      }
      throw error;
    }
    const group = await client.group(before.id);
    ctx.out.result({ groupId: group.id, name: group.name }, `Renamed "${before.name}" to "${group.name}".`);
  },
};
