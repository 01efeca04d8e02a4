// Verify Member: shows the safety number over both people's public keys, to compare out of
// band; a match marks them verified, or accepts their new keys after a change. The client core
// records it (acceptKeys pins the keys as verified), so the member list and the CLI agree.
import * as vscode from 'vscode';
import type { ClientChatService } from '../client-chat-service';
import { KeyChangedError, TeamChatClientError } from '../../client/errors';
import { argsOf, stringArg, type TeamChatCommand } from './command';

export const verifyMember: TeamChatCommand = {
  name: 'verifyMember',
  async run(app, raw) {
    const session = app.requireSession();
    const args = argsOf<{ username: string; confirm: boolean }>(raw);
    let username = stringArg(args.username);
    if (!username) {
      const group = await app.pickGroup(raw, 'TeamChat: Verify Member');
      if (!group) return undefined;
      const others = group.members.filter((m) => m.username !== session.username).map((m) => m.username);
      username = await vscode.window.showQuickPick(others, { title: `Verify a member of ${group.name}`, ignoreFocusOut: true });
      if (!username) return undefined;
    }
    const check = await session.client.checkKeys(username);
    const number = formatSafetyNumber(check.safetyNumber);
    if (check.status === 'changed') {
      session.setKeyChanged(username, true);
      const detail = `Before: ${formatSafetyNumber(check.pinnedSafetyNumber ?? '')}\nNow: ${number}\n\nAccept the new keys only if ${username} confirms this new number (in person or on a call).`;
      const accept = args.confirm ?? (await vscode.window.showWarningMessage(`${username}'s keys changed`, { modal: true, detail }, 'Accept New Keys')) === 'Accept New Keys';
      if (!accept) return check;
      await acceptCompared(session, username, check.safetyNumber);
      return { ...check, status: 'pinned' };
    }
    const detail = `${number}\n\nCompare this number with ${username} (in person or on a call). It is the same on both sides only if nobody swapped your keys.`;
    const same = args.confirm ?? (await vscode.window.showInformationMessage(`Safety number with ${username}`, { modal: true, detail }, 'They Match')) === 'They Match';
    if (same) await acceptCompared(session, username, check.safetyNumber);
    return check;
  },
};

/**
 * acceptKeys fetches the keys again and refuses them if they give another number than the one
 * the user compared (the server swapped them in between): those were never confirmed.
 */
async function acceptCompared(session: ClientChatService, username: string, compared: string): Promise<void> {
  try {
    await session.client.acceptKeys(username, compared);
  } catch (error) {
    if (!(error instanceof KeyChangedError)) throw error;
    session.setKeyChanged(username, true);
    throw new TeamChatClientError(`${username}'s keys changed while you compared safety numbers: run "TeamChat: Verify Member" again and compare the new number.`, { cause: error });
  }
  session.setKeyChanged(username, false);
}

function formatSafetyNumber(n: string): string {
  const groups = n.replace(/\s+/g, '').match(/.{1,5}/g) ?? [];
  return [groups.slice(0, 6).join(' '), groups.slice(6).join(' ')].filter(Boolean).join('\n');
}
