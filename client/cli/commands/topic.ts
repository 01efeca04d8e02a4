import { UsageError } from '../cli-errors';
import type { Command } from '../command';

export const topic: Command = {
  name: 'topic',
  usage: 'topic <group> [<text>|--clear]',
  summary: "show a group's topic, or set it (admin; one line shown under the group's name, quotes optional) or --clear it",
  arity: [1, Infinity],
  options: ['clear'],
  async run(ctx) {
    const [groupRef, ...words] = ctx.args.positionals as [string, ...string[]];
    // The words of the topic, as `send` takes a message: quoting is optional.
    const text = words.length ? words.join(' ') : undefined;
    const clear = ctx.args.options.clear === true;
    if (clear && text !== undefined) throw new UsageError('Give a topic or --clear, not both.');
    const client = await ctx.client();
    let group = await client.group(groupRef);
    if (clear || text !== undefined) {
      await client.setTopic(group.id, clear ? '' : text ?? '');
      group = await client.group(group.id);
    } else {
      group = (await client.refreshGroup(group.id)) ?? group;
    }
    // The topic is an admin's text: Output shows any control or bidi character in it as an escape.
    ctx.out.result({ groupId: group.id, topic: group.topic }, group.topic ? `"${group.name}": ${group.topic}` : `"${group.name}" has no topic.`);
  },
};
