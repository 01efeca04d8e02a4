import { ApiClient } from '../../api/api-client';
import { signUp } from '../../keys/account';
import { storeNewRecoveryKey } from '../../keys/recovery-key';
import { TeamChatClient } from '../../teamchat-client';
import type { Command } from '../command';
import { resolveServer, saveSignIn } from '../profile';
import { recoveryKeyLines } from '../recovery-key-text';

export const register: Command = {
  name: 'register',
  usage: 'register <username>',
  summary: 'create an account (new keys, sealed with your passphrase and a recovery key shown once) and sign in',
  arity: [1, 1],
  async run(ctx) {
    const server = resolveServer(ctx.args.options.server as string | undefined, ctx.env);
    const username = ctx.args.positionals[0] as string;
    const passphrase = await ctx.passphrases.read(`Choose a passphrase for ${username}: `, { confirm: true });
    const account = await signUp(new ApiClient(server), username, passphrase);
    const client = await TeamChatClient.start(server, account, await saveSignIn(ctx.profileDir, server, account));
    // The account exists by now: a failure here is told, not thrown, and "teamchat recovery-key" makes one later.
    const recoveryKey = await storeNewRecoveryKey(client.api, account).catch(() => undefined);
    ctx.out.result({ username, server, recoveryKey: recoveryKey ?? null }, [`Registered ${username} on ${server} and signed in.`, ...recoveryKeyLines(recoveryKey)]);
  },
};
