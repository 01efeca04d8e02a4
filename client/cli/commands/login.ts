import { ApiClient } from '../../api/api-client';
import { signIn } from '../../keys/account';
import { TeamChatClient } from '../../teamchat-client';
import type { Command } from '../command';
import { resolveServer, saveSignIn } from '../profile';

export const login: Command = {
  name: 'login',
  usage: 'login <username>',
  summary: 'sign in to an existing account',
  arity: [1, 1],
  async run(ctx) {
    const server = resolveServer(ctx.args.options.server as string | undefined, ctx.env);
    const username = ctx.args.positionals[0] as string;
    const passphrase = await ctx.passphrases.read(`Passphrase for ${username}: `);
    const account = await signIn(new ApiClient(server), username, passphrase);
    const client = await TeamChatClient.start(server, account, await saveSignIn(ctx.profileDir, server, account));
    ctx.out.result({ username, server }, `Signed in as ${username} on ${server}.`);
    const recovery = await client.api.recoveryKeyStatus().catch(() => undefined);
    if (recovery?.exists === false) ctx.out.note('This account has no recovery key: if you forget your passphrase, your messages cannot be recovered. Make one with "teamchat recovery-key".');
  },
};
