import type { Command } from '../command';
import { describeVerification } from '../group-verification-text';

const TRUST_TEXT = { verified: 'verified by safety number', pinned: 'pinned on first use, not compared', changed: 'KEYS CHANGED', unknown: 'keys not seen yet' } as const;

export const members: Command = {
  name: 'members',
  usage: 'members <group>',
  summary: "list a group's members as its signed log has them, and how far each one's keys are trusted",
  arity: [1, 1],
  async run(ctx) {
    const client = await ctx.client();
    const group = await client.group(ctx.args.positionals[0] as string);
    const fresh = (await client.refreshGroup(group.id)) ?? group;
    const rows = await Promise.all(fresh.members.map(async (m) => ({ ...m, keys: await client.keyTrust(m.username) })));
    if (fresh.verification.state !== 'verified') ctx.out.note(describeVerification(fresh));
    ctx.out.result(
      { members: rows, verification: fresh.verification },
      rows.map((m) => `${m.username}${m.isAdmin ? ' (admin)' : ''}: ${TRUST_TEXT[m.keys]}`),
    );
  },
};
