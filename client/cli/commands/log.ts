import type { LogEntry } from '../../../common/group-log';
import type { Command } from '../command';
import { describeVerification } from '../group-verification-text';

function describe(entry: LogEntry): string {
  switch (entry.type) {
    case 'create':
      return `${entry.signer} created the group`;
    case 'start':
      return `${entry.signer} started the signed log at key generation ${entry.generation ?? '?'}`;
    case 'add':
      return `${entry.signer} added ${entry.username ?? '?'}`;
    case 'remove':
      return `${entry.signer} removed ${entry.username ?? '?'}`;
    case 'leave':
      return `${entry.signer} left`;
    case 'promote':
      return `${entry.signer} made ${entry.username ?? '?'} admin`;
    case 'demote':
      return `${entry.signer} took admin from ${entry.username ?? '?'}`;
    case 'rotate':
      return `${entry.signer} rotated the key to generation ${entry.generation ?? '?'} for ${(entry.sealedTo ?? []).join(', ')}`;
    case 'delete':
      return `${entry.signer} deleted the group`;
    case 'rename':
      return `${entry.signer} renamed the group to "${entry.name ?? '?'}"`;
    case 'topic':
      return entry.topic ? `${entry.signer} set the topic: ${entry.topic}` : `${entry.signer} cleared the topic`;
    case 'dm':
      return `${entry.signer} started a direct message with ${entry.username ?? '?'}`;
  }
}

export const log: Command = {
  name: 'log',
  usage: 'log <group> [--start]',
  summary: "show a group's signed history (who added, removed, promoted whom, renamed it, and when), each change verified; --start begins the log of an older group (admin)",
  arity: [1, 1],
  options: ['start'],
  async run(ctx) {
    const client = await ctx.client();
    const ref = ctx.args.positionals[0] as string;
    if (ctx.args.options.start) await client.startLog(ref);
    const history = await client.groupHistory(ref);
    const group = await client.group(ref);
    ctx.out.note(describeVerification(group));
    ctx.out.result(history, history.entries.map((e) => `#${e.seq} ${e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')} ${describe(e)}`));
  },
};
