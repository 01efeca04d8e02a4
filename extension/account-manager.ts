// Who is signed in, and whether their keys are unlocked. The passphrase is used once per
// session (Argon2id in the client core) and then forgotten; the derived keys live in memory in
// the TeamChatClient. Lock and Sign Out drop them and revoke the refresh token on the server,
// so a copy of it taken from this device is worth nothing.
import * as vscode from 'vscode';
import { admissionFromCode } from '../client/admin/join-code';
import { loginWithKeys, TeamChatClient, type SecretStore } from '../client';
import { ApiClient } from '../client/api/api-client';
import { AccountDeactivatedError, TeamChatClientError } from '../client/errors';
import { SECRET_KEYS } from '../client/secrets/secret-store';
import { errorMessage } from '../common/error-message';
import type { SessionView } from '../common/webview-protocol';
import { ClientChatService } from './client-chat-service';
import { CommandId } from './commands/ids';
import { watchDeactivatedMembers } from './deactivated-member-notices';
import { NotificationSettings, type KeptState } from './notification-settings';
import { forgetRememberedKeys, loadRememberedKeys, rememberKeys } from './remembered-keys';
import * as notify from './plain-notifications';
import { eraseSearchIndex, searchIndexPath } from './search-index-location';

export class LockedError extends TeamChatClientError {
  constructor() {
    super('TeamChat is locked or signed out: unlock it with your passphrase (TeamChat: Unlock), or sign in.');
  }
}

export interface Credentials {
  server: string;
  username: string;
  passphrase: string;
  remember: boolean;
  /** Sign-up only: an invite code or the server's setup code, where the server asks for one. */
  code?: string;
}

/** How long to wait for the event stream before going on (it keeps reconnecting in the background). */
const CONNECT_WAIT_MS = 15_000;

export class AccountManager implements vscode.Disposable {
  private current: ClientChatService | undefined;
  private lockedAs: { username: string; server: string } | undefined;
  private readonly changed = new vscode.EventEmitter<ClientChatService | undefined>();
  /** Fires when the session starts, ends or locks. */
  readonly onDidChangeSession = this.changed.event;

  constructor(
    private readonly store: SecretStore,
    /** This device's own state (globalState): notification levels, never a secret. */
    private readonly deviceState: KeptState,
    private readonly log: vscode.LogOutputChannel,
    /** Where search indexes are kept (the extension's global storage); none: search keeps no file. */
    private readonly searchDir?: string,
  ) {}

  get session(): ClientChatService | undefined {
    return this.current;
  }

  requireSession(): ClientChatService {
    if (!this.current) throw new LockedError();
    return this.current;
  }

  sessionView(): SessionView {
    const s = this.current;
    if (s) return { state: s.connectionState(), username: s.username, serverUrl: s.serverUrl };
    if (this.lockedAs) return { state: 'locked', username: this.lockedAs.username, serverUrl: this.lockedAs.server };
    return { state: 'signed-out' };
  }

  /** At activation: unlock with remembered keys, or show "locked" when a session was stored. */
  async restore(settings: { serverUrl: string | undefined; username: string }): Promise<void> {
    await this.end(false);
    const remembered = await loadRememberedKeys(this.store);
    if (remembered) {
      try {
        const account = await loginWithKeys(new ApiClient(remembered.server), remembered.username, remembered.kdf, remembered.authKey, remembered.kek);
        await this.start(await TeamChatClient.start(remembered.server, account, this.store));
        return;
      } catch (error) {
        this.log.warn(`Could not unlock with the keys remembered on this device: ${errorMessage(error)}`);
        if (error instanceof AccountDeactivatedError) void notify.warn(`TeamChat could not sign you in: ${error.message}`);
      }
    }
    if (settings.serverUrl && settings.username && (await this.store.get(SECRET_KEYS.session))) {
      this.lockedAs = { username: settings.username, server: settings.serverUrl };
      this.changed.fire(undefined);
    }
  }

  async signUp(c: Credentials): Promise<ClientChatService> {
    await this.end(false);
    const client = await TeamChatClient.signUp(c.server, c.username, c.passphrase, this.store, { admission: admissionFromCode(c.code) });
    return this.started(client, c.remember);
  }

  async signIn(c: Credentials): Promise<ClientChatService> {
    await this.end(false);
    const client = await TeamChatClient.signIn(c.server, c.username, c.passphrase, this.store);
    return this.started(client, c.remember);
  }

  /** Forgot the passphrase: the recovery key sets `c.passphrase` as the new one and signs in (other devices are signed out). */
  async recover(c: Credentials, recoveryKey: string): Promise<ClientChatService> {
    await this.end(false);
    const client = await TeamChatClient.recover(c.server, c.username, recoveryKey, c.passphrase, this.store);
    return this.started(client, c.remember);
  }

  /** Other devices are signed out; keys remembered on this device are replaced by the new ones. */
  async changePassphrase(current: string, next: string): Promise<void> {
    const s = this.requireSession();
    await s.client.changePassphrase(current, next);
    const remembered = await loadRememberedKeys(this.store);
    if (remembered?.server === s.client.server && remembered.username === s.username) await rememberKeys(this.store, s.client.server, s.client.account);
  }

  /** Forgets the keys and tokens on this device and ends the session on the server; the passphrase unlocks it again. */
  async lock(): Promise<void> {
    const s = this.current;
    if (!s) await this.revokeStoredSession();
    await this.end(true);
    await forgetRememberedKeys(this.store);
    await this.store.delete(SECRET_KEYS.session);
    if (s) this.lockedAs = { username: s.username, server: s.serverUrl };
    this.changed.fire(undefined);
  }

  async signOut(): Promise<void> {
    await this.eraseSearch().catch((error: unknown) => this.log.warn(`Could not delete the search index: ${errorMessage(error)}`));
    if (!this.current) await this.revokeStoredSession();
    await this.end(true);
    await forgetRememberedKeys(this.store);
    await this.store.delete(SECRET_KEYS.session);
    this.lockedAs = undefined;
    this.changed.fire(undefined);
  }

  dispose(): void {
    // end() logs its own failures, and VS Code does not wait for a dispose.
    void this.end(false);
    this.changed.dispose();
  }

  /** Locked (no keys in memory) but a refresh token is stored: revoke it so it cannot be used. */
  private async revokeStoredSession(): Promise<void> {
    const text = await this.store.get(SECRET_KEYS.session);
    if (!text) return;
    try {
      const stored = JSON.parse(text) as { server?: string; refreshToken?: string };
      if (stored.server && stored.refreshToken) await new ApiClient(stored.server).logout(stored.refreshToken);
    } catch (error) {
      this.log.warn(`Could not revoke the stored session on the server: ${errorMessage(error)}`);
    }
  }

  private async started(client: TeamChatClient, remember: boolean): Promise<ClientChatService> {
    if (remember) await rememberKeys(this.store, client.server, client.account);
    else await forgetRememberedKeys(this.store);
    return this.start(client);
  }

  private async start(client: TeamChatClient): Promise<ClientChatService> {
    const notifications = new NotificationSettings(this.deviceState, client.server, client.username);
    const session = new ClientChatService(client, notifications, (line) => this.log.warn(line));
    // What the core did on its own (live events, catch-up) and could not throw to anyone.
    client.on('error', (error) => this.log.error(errorMessage(error)));
    // The server ended the session (e.g. its refresh token was used twice): never sign in again
    // unasked; lock and ask for the passphrase.
    // Before the groups load, so the members deactivated already are told of too (group admins only).
    watchDeactivatedMembers(client, {
      warn: (text, action) => notify.warn(text, action),
      remove: (m) => vscode.commands.executeCommand(CommandId.removeMember, { groupId: m.groupId, username: m.username, confirm: true }),
    });
    client.on('signed-out', (error) => {
      if (this.current !== session) return;
      if (error instanceof AccountDeactivatedError) return this.signedOutByAdmin(error);
      this.lock().catch((lockError: unknown) => this.log.error(`Could not lock TeamChat after the server signed you out: ${errorMessage(lockError)}`));
      void notify.warn(`TeamChat is locked: the server ended your session (${error.message}).`, 'Unlock').then((choice) => {
        if (choice === 'Unlock') void vscode.commands.executeCommand(CommandId.unlock);
      });
    });
    this.current = session;
    this.lockedAs = undefined;
    if (this.searchDir) {
      void client.search.persistTo(searchIndexPath(this.searchDir, client.server, client.username)).then(
        (outcome) => outcome !== 'loaded' && outcome !== 'missing' && this.log.info(`The search index on this device could not be read (${outcome}); it is built again as messages are read.`),
        (error: unknown) => this.log.warn(`Could not open the search index: ${errorMessage(error)}`),
      );
    }
    await client.refreshGroups();
    this.changed.fire(session);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      client.connect().catch((error: unknown) => this.log.warn(`Live updates are not connected yet: ${errorMessage(error)}`)),
      new Promise((resolve) => (timer = setTimeout(resolve, CONNECT_WAIT_MS))),
    ]);
    clearTimeout(timer);
    this.log.info(`Signed in as ${client.username} on ${client.server}.`);
    return session;
  }

  private async eraseSearch(): Promise<void> {
    if (this.current) return this.current.client.search.erase();
    if (this.searchDir && this.lockedAs) await eraseSearchIndex(this.searchDir, this.lockedAs.server, this.lockedAs.username);
  }

  /** Nothing to unlock: the account signs in no more until a server admin reactivates it. */
  private signedOutByAdmin(error: AccountDeactivatedError): void {
    this.signOut().catch((signOutError: unknown) => this.log.error(`Could not sign out after the account was deactivated: ${errorMessage(signOutError)}`));
    void notify.warn(`TeamChat signed you out: ${error.message}`);
  }

  private async end(revoke: boolean): Promise<void> {
    const s = this.current;
    if (!s) return;
    this.current = undefined;
    s.dispose();
    await s.client.search.close().catch((error: unknown) => this.log.warn(`Could not save the search index: ${errorMessage(error)}`));
    try {
      if (revoke) await s.client.signOut();
      else await s.client.disconnect();
    } catch (error) {
      this.log.warn(`Could not end the session on the server cleanly: ${errorMessage(error)}`);
    }
  }
}
