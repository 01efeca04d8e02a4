import type { AccountStatusAnswer } from '../../../common/api';
import { UsageError } from '../cli-errors';
import type { Command, CommandContext } from '../command';

// A server admin changes an account's status. The server cannot remove anyone from a group
// (that is a group admin's signed change, which rotates the key): it tells the groups' admins.

function told(answer: AccountStatusAnswer): string {
  if (answer.groups === 0) return '';
  return ` The admins of its ${answer.groups} group${answer.groups === 1 ? '' : 's'} are asked to remove it ("teamchat admin deactivated" lists them).`;
}

async function change(ctx: CommandContext, act: 'deactivateUser' | 'reactivateUser' | 'deleteUser', human: (a: AccountStatusAnswer) => string) {
  const username = ctx.args.positionals[0] as string;
  const client = await ctx.client();
  const answer = await client.api[act](username);
  ctx.out.result(answer, human(answer));
}

export const adminDeactivate: Command = {
  name: 'admin deactivate',
  usage: 'admin deactivate <username>',
  summary: 'deactivate an account (server admin): its sign-ins, tokens and live connections end at once',
  arity: [1, 1],
  run: (ctx) => change(ctx, 'deactivateUser', (a) => `Deactivated ${a.username}: signed out everywhere, and cannot sign in until reactivated.${told(a)}`),
};

export const adminReactivate: Command = {
  name: 'admin reactivate',
  usage: 'admin reactivate <username>',
  summary: 'reactivate a deactivated account (server admin): it signs in again with its passphrase',
  arity: [1, 1],
  run: (ctx) => change(ctx, 'reactivateUser', (a) => `Reactivated ${a.username}: they can sign in again with their passphrase.`),
};

export const adminDelete: Command = {
  name: 'admin delete',
  usage: 'admin delete <username> --yes',
  summary: 'delete an account for good (server admin): its vault and sign-in go; its name and public keys stay',
  arity: [1, 1],
  options: ['yes'],
  async run(ctx) {
    if (ctx.args.options.yes !== true) {
      throw new UsageError(`Deleting ${ctx.args.positionals[0]} cannot be undone; run it again with --yes to go ahead.`);
    }
    await change(ctx, 'deleteUser', (a) => `Deleted ${a.username}: nobody can sign in as them or take the name again; what they signed still verifies.${told(a)}`);
  },
};
