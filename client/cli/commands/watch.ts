import { positiveInteger } from '../args';
import type { Command } from '../command';
import { formatMessage, messageJson } from '../output';
import { withFetchedPatches } from '../diff-text';
import type { ChatMessage } from '../../messages/chat-message';

export const watch: Command = {
  name: 'watch',
  usage: 'watch <group> [--since seq] [--count n]',
  summary: 'print messages as they arrive (from after --since, else from now) until Ctrl-C or --count messages',
  arity: [1, 1],
  options: ['since', 'count'],
  async run(ctx) {
    const client = await ctx.client();
    const group = await client.group(ctx.args.positionals[0] as string);
    const since = positiveInteger(ctx.args.options.since, 'since');
    const count = positiveInteger(ctx.args.options.count, 'count');
    let seen = 0;
    let finish!: () => void;
    let signedOut: Error | undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    // In arrival order, though a diff carried as a file is fetched before it prints.
    let printing = Promise.resolve();
    const show = (arrived: ChatMessage, updated: boolean) => {
      if (arrived.groupId !== group.id) return;
      printing = printing.then(async () => print((await withFetchedPatches([arrived], (m) => client.diffs.patchOf(m), (line) => ctx.out.note(line)))[0] as ChatMessage, updated));
    };
    const print = (message: ChatMessage, updated: boolean) => {
      ctx.out.result(updated ? { ...messageJson(message), updated: true } : messageJson(message), formatMessage(message).map((line, i) => (updated && i === 0 ? `(updated) ${line}` : line)));
      if (!updated && count !== undefined && ++seen >= count) finish();
    };
    client.on('message', (m) => show(m, false));
    client.on('message-updated', (m) => show(m, true));
    client.on('connection', (state) => {
      if (state === 'reconnecting') ctx.out.note('Connection lost; reconnecting...');
    });
    // Ends the watch with the error, so the exit code (3) tells a script to sign in again.
    client.on('signed-out', (error) => {
      signedOut = error;
      finish();
    });
    client.on('groups-changed', (groups) => {
      if (!groups.some((g) => g.id === group.id)) {
        ctx.out.note(`You are no longer a member of "${group.name}".`);
        finish();
      }
    });
    await client.connect();
    if (since !== undefined) await client.followFrom(group, since);
    ctx.out.note(`Watching "${group.name}"; press Ctrl-C to stop.`);
    if (count === undefined || seen < count) await Promise.race([done, ctx.interrupted]);
    await client.disconnect();
    if (signedOut) throw signedOut;
  },
};
