import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CodeSnippet } from '../../../common/crypto';
import { lineRange } from '../args';
import { UsageError } from '../cli-errors';
import type { Command, CommandContext } from '../command';
import { typeForName } from '../../../common/attachments/file-kinds';
import { byteSize, formatMessage, messageJson } from '../output';
import { diffToSend } from '../diff-source';

async function readAll(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

async function readStdin(stdin: NodeJS.ReadStream): Promise<string> {
  return (await readAll(stdin)).replace(/\r?\n$/, '');
}

async function messageText(ctx: CommandContext, required: boolean): Promise<string> {
  const words = ctx.args.positionals.slice(1);
  if (words.length) return words.join(' ');
  const piped = ctx.stdin.isTTY ? '' : await readStdin(ctx.stdin);
  if (required && piped === '') throw new UsageError('Nothing to send: give the text after the group, or pipe it in.');
  return piped;
}

async function snippetFrom(file: string, lines: string | undefined, language: string | undefined): Promise<CodeSnippet> {
  const all = (await readFile(file, 'utf8')).split('\n');
  const [start, end] = lines ? lineRange(lines) : [1, Math.max(1, all.length - (all.at(-1) === '' ? 1 : 0))];
  if (end > all.length) throw new UsageError(`${file} has only ${all.length} lines.`);
  return {
    path: file,
    startLine: start,
    endLine: end,
    language: language ?? (path.extname(file).slice(1) || 'text'),
    code: all.slice(start - 1, end).join('\n'),
  };
}

/** Uploads the file (Ctrl-C cancels) and sends it with `comment`. */
async function sendFile(ctx: CommandContext, group: string, file: string, comment: string) {
  const client = await ctx.client();
  const name = path.basename(file);
  const cancel = new AbortController();
  void ctx.interrupted.then(() => cancel.abort());
  const size = (await stat(file).catch(() => {
    throw new UsageError(`There is no file ${file}.`);
  })).size;
  ctx.out.note(`Encrypting and uploading ${name} (${byteSize(size)})...`);
  const replyTo = ctx.args.options['reply-to'];
  return client.files.send(group, { name, type: typeForName(name), path: file }, {
    comment, signal: cancel.signal, ...(typeof replyTo === 'string' ? { replyTo } : {}),
  });
}

export const send: Command = {
  name: 'send',
  usage: 'send <group> [text] [--reply-to <msgId>] [--thread <msgId> [--also-to-group]] [--snippet <file> [--lines a-b] [--language x]] [--file <path>] [--diff [<patch file>|-] [--staged]] [--edit <msgId>] [--delete <msgId>]',
  summary: 'send a message (text from the arguments or stdin), a reply in a thread, a code snippet, an encrypted file (the text is its comment), a diff (git diff here, a patch file, or stdin), an edit or a deletion',
  arity: [1, Infinity],
  options: ['reply-to', 'snippet', 'lines', 'language', 'file', 'edit', 'delete', 'thread', 'also-to-group', 'diff', 'staged'],
  async run(ctx) {
    const o = ctx.args.options;
    const group = ctx.args.positionals[0] as string;
    if (!o.snippet && (o.lines || o.language)) throw new UsageError('--lines and --language go with --snippet.');
    if ([o.edit, o.delete, o.snippet, o.file, o.thread, o.diff].filter(Boolean).length > 1) throw new UsageError('Use only one of --edit, --delete, --snippet, --file, --diff and --thread.');
    if (o.staged && !o.diff) throw new UsageError('--staged goes with --diff.');
    if (o['also-to-group'] && !o.thread) throw new UsageError('--also-to-group goes with --thread.');
    const client = await ctx.client();
    let message;
    if (typeof o.delete === 'string') {
      message = await client.deleteMessage(group, o.delete);
    } else if (typeof o.edit === 'string') {
      message = await client.editMessage(group, o.edit, await messageText(ctx, true));
    } else if (typeof o.file === 'string') {
      message = await sendFile(ctx, group, o.file, await messageText(ctx, false));
    } else if (o.diff) {
      const { share, comment } = await diffToSend(ctx.args.positionals.slice(1), o.staged === true, () => readAll(ctx.stdin));
      message = await client.sendDiff(group, share, comment.join(' '), o['reply-to'] ? { replyTo: o['reply-to'] as string } : {});
    } else if (typeof o.thread === 'string') {
      message = await client.threads.reply(group, o.thread, await messageText(ctx, true), o['also-to-group'] ? { alsoToGroup: true } : {});
    } else if (typeof o.snippet === 'string') {
      const snippet = await snippetFrom(o.snippet, o.lines as string | undefined, o.language as string | undefined);
      message = await client.sendSnippet(group, snippet, await messageText(ctx, false), o['reply-to'] ? { replyTo: o['reply-to'] as string } : {});
    } else {
      message = await client.sendText(group, await messageText(ctx, true), o['reply-to'] ? { replyTo: o['reply-to'] as string } : {});
    }
    ctx.out.result(messageJson(message), formatMessage(message));
  },
};
