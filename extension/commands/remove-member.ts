// Remove Member: removes them and rotates the group key in the same request, so they cannot read on.
import * as vscode from 'vscode';
import { confirm } from '../prompts';
import { argsOf, stringArg, type TeamChatCommand } from './command';
import * as notify from '../plain-notifications';

export const removeMember: TeamChatCommand = {
  name: 'removeMember',
  async run(app, raw) {
    const session = app.requireSession();
    const group = await app.pickGroup(raw, 'TeamChat: Remove Member', (g) => g.isAdmin);
    if (!group) return undefined;
    const others = group.members.filter((m) => m.username !== session.username);
    const username =
      stringArg(argsOf<{ username: string }>(raw).username) ??
      (await vscode.window.showQuickPick(others.map((m) => ({ label: m.username, description: m.isAdmin ? 'admin' : '' })), { title: `Remove from ${group.name}`, ignoreFocusOut: true }))?.label;
    if (!username) return undefined;
    if (argsOf<{ confirm: boolean }>(raw).confirm !== true && !(await confirm(`Remove ${username} from ${group.name}? The group key is rotated so they cannot read new messages.`, 'Remove'))) return undefined;
    await session.client.removeMember(group.id, username);
    void notify.info(`Removed ${username} from ${group.name}; the group key was rotated.`);
    return username;
  },
};
