// What Sign Up and Sign In share: ask for what is missing, derive keys once, start the session.
import * as vscode from 'vscode';
import type { Credentials } from '../account-manager';
import type { ClientChatService } from '../client-chat-service';
import { askPassphrase, askRememberOnDevice, askServerUrl, askUsername } from '../prompts';
import { readSettings, rememberServerUrl, rememberUsername } from '../settings';
import type { TeamChatApp } from '../teamchat-app';
import { normalizeServerUrl } from '../../client';
import { argsOf, stringArg } from './command';

interface SignInArgs {
  serverUrl: string;
  username: string;
  passphrase: string;
  remember: boolean;
}

export async function signInFlow(app: TeamChatApp, rawArgs: unknown, mode: 'signUp' | 'signIn'): Promise<ClientChatService | undefined> {
  const args = argsOf<SignInArgs>(rawArgs);
  const settings = readSettings();
  // Unlocking: the account is known, only the passphrase is asked.
  const locked = mode === 'signIn' ? app.accounts.sessionView() : undefined;
  const known = locked?.state === 'locked' ? locked : undefined;
  const serverText = stringArg(args.serverUrl) ?? known?.serverUrl ?? (settings.serverUrl || (await askServerUrl(settings.serverUrl)));
  if (!serverText) return undefined;
  const server = normalizeServerUrl(serverText);
  const title = mode === 'signUp' ? 'TeamChat: Sign Up' : 'TeamChat: Sign In';
  const username = stringArg(args.username) ?? known?.username ?? (await askUsername(settings.username, title));
  if (!username) return undefined;
  const passphrase = typeof args.passphrase === 'string' ? args.passphrase : await askPassphrase(username, { newPassphrase: mode === 'signUp' });
  if (passphrase === undefined) return undefined;
  const remember = typeof args.remember === 'boolean' ? args.remember : await askRememberOnDevice();
  if (remember === undefined) return undefined;
  const credentials: Credentials = { server, username, passphrase, remember };
  const session = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: mode === 'signUp' ? `Creating ${username}'s keys…` : `Unlocking ${username}'s keys…` },
    () => (mode === 'signUp' ? app.accounts.signUp(credentials) : app.accounts.signIn(credentials)),
  );
  await rememberServerUrl(server);
  await rememberUsername(username);
  return session;
}
