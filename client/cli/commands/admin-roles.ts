// teamchat admin grant|revoke <user>: the server admin role (managing accounts and invites;
// it opens no group). Only a server admin may change it, and never take it from the last one.
import type { Command } from '../command';

function roleCommand(grant: boolean): Command {
  return {
    name: grant ? 'admin grant' : 'admin revoke',
    usage: `admin ${grant ? 'grant' : 'revoke'} <username>`,
    summary: grant ? 'make an account a server admin' : 'take the server admin role from an account (not the last one)',
    arity: [1, 1],
    async run(ctx) {
      const username = ctx.args.positionals[0] as string;
      const answer = await (await ctx.client()).api.setServerAdmin(username, grant);
      ctx.out.result(answer, grant ? `${username} is now a server admin.` : `${username} is no longer a server admin.`);
    },
  };
}

export const adminGrant = roleCommand(true);
export const adminRevoke = roleCommand(false);
