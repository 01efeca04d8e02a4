// Rename Group: an admin gives the group a new name, signed into its log, so every member sees
// it and the server cannot change it. A name you have another group of is taken only if you say so.
import * as vscode from 'vscode';
import { GroupNameTakenError, groupNameProblem } from '../../client';
import { confirm } from '../prompts';
import { argsOf, stringArg, type TeamChatCommand } from './command';
import * as notify from '../plain-notifications';

export const renameGroup: TeamChatCommand = {
  name: 'renameGroup',
  async run(app, raw) {
    const session = app.requireSession();
    const group = await app.pickGroup(raw, 'TeamChat: Rename Group', (g) => g.isAdmin);
    if (!group) return undefined;
    const args = argsOf<{ name: string; allowSameName: boolean }>(raw);
    const name = stringArg(args.name)
      ?? (await vscode.window.showInputBox({ title: `Rename ${group.name}`, prompt: 'New group name', value: group.name, ignoreFocusOut: true, validateInput: groupNameProblem }))?.trim();
    if (!name || name === group.name) return undefined;
    try {
      await session.client.renameGroup(group.id, name, { allowSameName: args.allowSameName === true });
    } catch (error) {
      if (!(error instanceof GroupNameTakenError)) throw error;
      if (!(await confirm(`You already have a group named ${name}. Give this one the same name?`, 'Rename'))) return undefined;
      await session.client.renameGroup(group.id, name, { allowSameName: true });
    }
    void notify.info(`Renamed ${group.name} to ${name}.`);
    return name;
  },
};
