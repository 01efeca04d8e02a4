import { KeyChangedError } from '../../errors';
import type { Command } from '../command';

export const fingerprint: Command = {
  name: 'fingerprint',
  usage: 'fingerprint <username> [--accept]',
  summary: 'show the safety number to compare with a person; --accept trusts their new keys after a change',
  arity: [1, 1],
  options: ['accept'],
  async run(ctx) {
    const username = ctx.args.positionals[0] as string;
    const client = await ctx.client();
    const check = ctx.args.options.accept ? await client.acceptKeys(username) : await client.checkKeys(username);
    if (check.status === 'changed') {
      ctx.out.note(`Safety number with ${username} before: ${check.pinnedSafetyNumber}`);
      ctx.out.note(`Safety number with ${username} now:    ${check.safetyNumber}`);
      throw new KeyChangedError(username, check.pinnedSafetyNumber as string, check.safetyNumber);
    }
    const status = check.status === 'first-use' ? 'first seen now; pinned' : ctx.args.options.accept ? 'accepted and pinned' : 'pinned';
    ctx.out.result(check, [`Safety number with ${username} (${status}):`, check.safetyNumber, 'Compare it with theirs in person or by a call.']);
  },
};
