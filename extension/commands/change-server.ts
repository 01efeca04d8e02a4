// Change Server: another team's server (or a moved one). Signs out of the current account
// first, asks for the new address until a TeamChat server answers there, then offers Sign In
// or Sign Up on it.
import * as vscode from 'vscode';
import { askReachableServer } from '../server-prompt';
import { readSettings, rememberServerUrl } from '../settings';
import { normalizeServerUrl } from '../../client';
import { argsOf, stringArg } from './command';
import type { TeamChatCommand } from './command';
import { CommandId } from './ids';
import { confirm } from '../prompts';
import * as notify from '../plain-notifications';

export const changeServer: TeamChatCommand = {
  name: 'changeServer',
  async run(app, rawArgs) {
    const args = argsOf<{ serverUrl: string; confirm: boolean }>(rawArgs);
    const view = app.accounts.sessionView();
    if (view.state !== 'signed-out') {
      const where = view.serverUrl ? new URL(view.serverUrl).host : 'this server';
      const ok = args.confirm === true || (await confirm(`Sign out of ${view.username ?? 'TeamChat'} on ${where} to use another server? Your account and its groups stay on ${where}; Sign In brings them back.`, 'Sign Out and Change'));
      if (!ok) return undefined;
      await app.accounts.signOut();
    }
    const given = stringArg(args.serverUrl);
    const server = given ? normalizeServerUrl(given) : await askReachableServer(readSettings().serverUrl);
    if (!server) return undefined;
    await rememberServerUrl(server);
    if (!args.serverUrl) {
      void notify.info(`TeamChat will use ${new URL(server).host}.`, 'Sign In', 'Sign Up').then((choice) => {
        if (choice) void vscode.commands.executeCommand(choice === 'Sign In' ? CommandId.signIn : CommandId.signUp);
      });
    }
    return server;
  },
};
