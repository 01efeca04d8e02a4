import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../cli-errors';
import type { Command } from '../command';
import { byteSize } from '../output';

export const download: Command = {
  name: 'download',
  usage: 'download <group> <msgId> [--out path]',
  summary: 'download, check and decrypt the file of a message (default: its name, in this folder; an existing file is kept unless --out names it)',
  arity: [2, 2],
  options: ['out'],
  async run(ctx) {
    const [group, msgId] = ctx.args.positionals as [string, string];
    if (!/^[0-9a-f]{32}$/.test(msgId)) throw new UsageError('A msgId is 32 lowercase hex characters, as `teamchat read` shows it.');
    const client = await ctx.client();
    const message = (await client.history(group)).find((m) => m.msgId === msgId);
    const out = ctx.args.options.out;
    let target: string;
    if (typeof out === 'string') {
      target = path.resolve(out);
    } else {
      // The name is the sender's: a plain name (the envelope refuses separators), kept in this folder.
      const name = message?.file?.name;
      if (!name) throw new UsageError('That message is not among the newest ones or carries no file; give --out to look further back.');
      target = path.resolve(name);
      if (existsSync(target)) throw new UsageError(`${path.basename(target)} exists here already; give --out to choose where to save it.`);
    }
    const cancel = new AbortController();
    void ctx.interrupted.then(() => cancel.abort());
    await client.files.download(group, msgId, { toPath: target, signal: cancel.signal });
    const file = client.messages((await client.group(group)).id).find((m) => m.msgId === msgId)?.file;
    ctx.out.result({ path: target, size: file?.size, type: file?.type }, `Saved ${target}${file ? ` (${byteSize(file.size)}, ${file.type}), its hash checked` : ''}.`);
  },
};
