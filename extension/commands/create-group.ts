// Create Group: makes the first group key here, seals it for you, then adds the members named,
// all or nothing. A name you have a group of already is made again only if you say so.
import * as vscode from 'vscode';
import { askMembers, confirm } from '../prompts';
import { argsOf, stringArg, type TeamChatCommand } from './command';

export const createGroup: TeamChatCommand = {
  name: 'createGroup',
  async run(app, raw) {
    const session = app.requireSession();
    const args = argsOf<{ name: string; members: string[]; allowSameName: boolean }>(raw);
    const name =
      stringArg(args.name) ??
      (await vscode.window.showInputBox({ title: 'TeamChat: Create Group', prompt: 'Group name', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Give the group a name.') }))?.trim();
    if (!name) return undefined;
    const members = Array.isArray(args.members) ? args.members.filter((m): m is string => typeof m === 'string') : await askMembers(`Add members to ${name} (optional)`);
    if (members === undefined) return undefined;
    const create = (allowSameName: boolean) =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Creating ${name}…` }, () =>
        session.createGroup({ name, members, allowSameName }),
      );
    let result = await create(args.allowSameName === true);
    if ('sameNameExists' in result) {
      if (!(await confirm(`You already have a group named ${name}. Create another?`, 'Create Another'))) return undefined;
      result = await create(true);
    }
    if (!('groupId' in result)) return undefined;
    app.openChat(result.groupId);
    return result.groupId;
  },
};
