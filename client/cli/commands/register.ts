import { parseInviteLink } from '../../admin/invite-link';
import { joiningRules } from '../../admin/join-code';
import { ApiClient } from '../../api/api-client';
import { ServerError } from '../../errors';
import { signUp } from '../../keys/account';
import { storeNewRecoveryKey } from '../../keys/recovery-key';
import { TeamChatClient } from '../../teamchat-client';
import { UsageError } from '../cli-errors';
import type { Command } from '../command';
import { resolveServer, saveSignIn } from '../profile';
import { recoveryKeyLines } from '../recovery-key-text';

export const register: Command = {
  name: 'register',
  usage: 'register <username> [--invite <code|link>] [--setup-code <code>]',
  summary: 'create an account (new keys, sealed with your passphrase and a recovery key shown once) and sign in; an invite where the server asks for one',
  arity: [1, 1],
  options: ['invite', 'setup-code'],
  async run(ctx) {
    // --invite takes the code, or the whole vscode:// link (whose server is used unless one is named).
    const invite = ctx.args.options.invite as string | undefined;
    const link = invite?.includes('://') ? parseInviteLink(invite) : undefined;
    const server = resolveServer((ctx.args.options.server as string | undefined) ?? (ctx.env.TEAMCHAT_SERVER ? undefined : link?.server), ctx.env);
    const username = ctx.args.positionals[0] as string;
    const inviteCode = link?.code ?? invite;
    const setupCode = ctx.args.options['setup-code'] as string | undefined;
    const api = new ApiClient(server);
    // Asked before the passphrase, so nobody types one for a server that will refuse them.
    if (!inviteCode && !setupCode) {
      const { registration } = await joiningRules(api);
      if (registration === 'invite') throw new UsageError(`${server} takes new accounts by invite only: run "teamchat register ${username} --invite <code>" with the code a server admin gave you.`);
      if (registration === 'closed') throw new ServerError(403, 'registration_closed', `${server} takes no new accounts; ask whoever runs it.`);
    }
    const passphrase = await ctx.passphrases.read(`Choose a passphrase for ${username}: `, { confirm: true });
    const account = await signUp(api, username, passphrase, { inviteCode, setupCode });
    const client = await TeamChatClient.start(server, account, await saveSignIn(ctx.profileDir, server, account));
    // The account exists by now: a failure here is told, not thrown, and "teamchat recovery-key" makes one later.
    const recoveryKey = await storeNewRecoveryKey(client.api, account).catch(() => undefined);
    const role = setupCode ? ' as the first server admin' : '';
    ctx.out.result(
      { username, server, serverAdmin: Boolean(setupCode), recoveryKey: recoveryKey ?? null },
      [`Registered ${username} on ${server}${role} and signed in.`, ...recoveryKeyLines(recoveryKey)],
    );
  },
};
