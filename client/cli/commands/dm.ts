import type { Command } from '../command';
import { formatMessage } from '../output';

export const dm: Command = {
  name: 'dm',
  usage: 'dm <username> [text]',
  summary: 'open the direct message with someone (made if there is none; their keys are checked as for adding a member) and send the text; read and send take it as @username',
  arity: [1, Infinity],
  async run(ctx) {
    const [username, ...words] = ctx.args.positionals as [string, ...string[]];
    const client = await ctx.client();
    const group = await client.openDirectMessage(username);
    const text = words.join(' ');
    if (!text) {
      ctx.out.result({ groupId: group.id, with: group.dm?.with }, `Direct message with ${group.name} (${group.id}); send with "teamchat send @${group.name} <text>".`);
      return;
    }
    const message = await client.sendText(group, text);
    ctx.out.result(message, formatMessage(message));
  },
};
