// What Sign Up and Sign In share: the server first (it must answer before anything else is
// asked), then what is missing, keys derived once, the session started. A failed attempt keeps
// its answers (sign-in-draft.ts) and offers "Try Again" and "Edit Answers".
import * as vscode from 'vscode';
import type { Credentials } from '../account-manager';
import type { ClientChatService } from '../client-chat-service';
import { askJoinCode, askPassphrase, askRememberOnDevice, askUsername } from '../prompts';
import { reachableServer } from '../server-prompt';
import { readSettings, rememberServerUrl, rememberUsername } from '../settings';
import { dropDraft, draftFor, keepDraft } from '../sign-in-draft';
import type { TeamChatApp } from '../teamchat-app';
import { normalizeServerUrl, WrongCredentialsError } from '../../client';
import { ApiClient } from '../../client/api/api-client';
import { joinQuestion, joiningRules } from '../../client/admin/join-code';
import { errorMessage } from '../../common/error-message';
import { argsOf, stringArg } from './command';
import { CommandId } from './ids';
import * as notify from '../plain-notifications';

interface SignInArgs {
  serverUrl: string;
  username: string;
  passphrase: string;
  remember: boolean;
  /** Ask nothing: use the answers of the attempt that just failed. */
  retry: boolean;
  /** Ask again, with the failed attempt's answers filled in. */
  edit: boolean;
  /** Sign-up: the invite (or setup) code, e.g. from an invite link. */
  code: string;
}

type Mode = 'signUp' | 'signIn';

export async function signInFlow(app: TeamChatApp, rawArgs: unknown, mode: Mode): Promise<ClientChatService | undefined> {
  const args = argsOf<SignInArgs>(rawArgs);
  const draft = args.retry || args.edit ? draftFor(mode) : undefined;
  const credentials = args.retry && draft ? draft : await ask(app, args, mode, draft);
  if (!credentials) return undefined;
  try {
    const session = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: mode === 'signUp' ? `Creating ${credentials.username}'s keys…` : `Unlocking ${credentials.username}'s keys…` },
      () => (mode === 'signUp' ? app.accounts.signUp(credentials) : app.accounts.signIn(credentials)),
    );
    dropDraft();
    await rememberServerUrl(credentials.server);
    await rememberUsername(credentials.username);
    return session;
  } catch (error) {
    keepDraft(mode, credentials);
    const message = errorMessage(error);
    app.lastError = message;
    app.log.error(`${CommandId[mode]}: ${message}`);
    // A wrong passphrase at sign-in may be a forgotten one: the recovery key is the way back.
    const forgot = mode === 'signIn' && error instanceof WrongCredentialsError ? ['Forgot Passphrase?'] : [];
    void notify.error(message, 'Try Again', 'Edit Answers', ...forgot).then((choice) => {
      if (choice === 'Forgot Passphrase?') void vscode.commands.executeCommand(CommandId.recoverAccount, { serverUrl: credentials.server, username: credentials.username });
      else if (choice) void vscode.commands.executeCommand(CommandId[mode], choice === 'Try Again' ? { retry: true } : { edit: true });
    });
    return undefined;
  }
}

async function ask(app: TeamChatApp, args: Partial<SignInArgs>, mode: Mode, draft: Credentials | undefined): Promise<Credentials | undefined> {
  const settings = readSettings();
  // Unlocking: the account is known, only the passphrase is asked.
  const locked = mode === 'signIn' ? app.accounts.sessionView() : undefined;
  const known = locked?.state === 'locked' ? locked : undefined;
  const given = stringArg(args.serverUrl);
  const server = given ? normalizeServerUrl(given) : await reachableServer(draft?.server ?? known?.serverUrl ?? settings.serverUrl);
  if (!server) return undefined;
  const where = new URL(server).host;
  const title = mode === 'signUp' ? `TeamChat: Sign Up on ${where}` : `TeamChat: Sign In on ${where}`;
  // A code given by the caller (an invite link, a test: '' for none) is not asked again unless the server needs one.
  const givenCode = typeof args.code === 'string' ? args.code.trim() : undefined;
  const code = mode === 'signUp' ? await askCodeIfNeeded(server, givenCode ?? draft?.code, givenCode !== undefined) : undefined;
  if (code === null) return undefined;
  const username = stringArg(args.username) ?? (draft ? undefined : known?.username) ?? (await askUsername(draft?.username ?? settings.username, title));
  if (!username) return undefined;
  const passphrase = typeof args.passphrase === 'string'
    ? args.passphrase
    : await askPassphrase(username, { newPassphrase: mode === 'signUp', kept: draft?.username === username ? draft.passphrase : undefined });
  if (passphrase === undefined) return undefined;
  const remember = typeof args.remember === 'boolean' ? args.remember : await askRememberOnDevice(draft?.remember);
  if (remember === undefined) return undefined;
  return { server, username, passphrase, remember, ...(code ? { code } : {}) };
}

/** The invite or setup code, asked when the server needs one (GET /api/server); null when cancelled or refused. */
async function askCodeIfNeeded(server: string, given: string | undefined, answered: boolean): Promise<string | undefined | null> {
  const question = joinQuestion(await joiningRules(new ApiClient(server)), new URL(server).host);
  if (question.kind === 'none') return given || undefined;
  if (answered && question.kind === 'code' && (given || !question.required)) return given || undefined;
  if (question.kind === 'refused') {
    void notify.error(question.message);
    return null;
  }
  const code = await askJoinCode(question, given);
  return code === undefined ? null : code || undefined;
}
