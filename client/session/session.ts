// The signed-in session: the access token (15 min) and the single-use refresh token. It
// refreshes a token shortly before it expires and whenever the server rejects one; when the
// refresh token is revoked or expired it signs in again with the authKey kept since the
// passphrase was entered, so a user is asked for the passphrase once per sign-in, not once
// per token. Not so when the server says the token was used before (refresh_token_reused):
// someone else holds a copy and the server ended the sign-in, so signing in again silently
// would only hand the thief's victim back to the same device unasked. The session ends and
// the user is asked for the passphrase.

import { toBase64 } from '../../common/crypto';
import type { ApiClient, TokenSource } from '../api/api-client';
import { AccountDeactivatedError, isServerError, SignedOutError } from '../errors';
import { getJson, SECRET_KEYS, setJson, type SecretStore } from '../secrets/secret-store';

export interface StoredSession {
  server: string;
  username: string;
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds after which the access token is no longer accepted. */
  accessExpiresAt: number;
}

const REUSED_MESSAGE = 'The server ended your session because its refresh token was used twice, so a copy of it may be in other hands; sign in again with your passphrase.';

/** Refresh this long before expiry, so a request does not race the clock. */
const REFRESH_MARGIN_MS = 30_000;

export class Session implements TokenSource {
  private refreshing: Promise<string> | undefined;
  private ended: SignedOutError | undefined;
  private endedListener: ((error: SignedOutError) => void) | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly store: SecretStore,
    private state: StoredSession,
    private authKey: Uint8Array | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  static fromTokens(server: string, username: string, tokens: { accessToken: string; refreshToken: string; expiresIn: number }, now = Date.now()): StoredSession {
    return { server, username, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, accessExpiresAt: now + tokens.expiresIn * 1000 };
  }

  /** Called once, when the session ends without the user asking (the server ended it). */
  onSignedOut(listener: (error: SignedOutError) => void): void {
    this.endedListener = listener;
  }

  async save(): Promise<void> {
    await setJson(this.store, SECRET_KEYS.session, this.state);
  }

  async accessToken(): Promise<string> {
    if (this.ended) throw this.ended;
    if (this.state.accessExpiresAt - this.now() > REFRESH_MARGIN_MS) return this.state.accessToken;
    return this.refresh();
  }

  async refreshAfterRejection(rejected: string): Promise<string> {
    if (this.refreshing) return this.refreshing;
    if (rejected !== this.state.accessToken) return this.state.accessToken;
    return this.refresh();
  }

  /** One refresh at a time: concurrent callers share it, since a refresh token works once. */
  refresh(): Promise<string> {
    this.refreshing ??= this.renew().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** The tokens of a new sign-in (after a passphrase change), and the authKey that signs in again. */
  async adopt(state: StoredSession, authKey: Uint8Array): Promise<void> {
    this.state = state;
    this.authKey = authKey;
    await this.save();
  }

  async logout(): Promise<void> {
    try {
      await this.api.logout(this.state.refreshToken);
    } finally {
      await this.store.delete(SECRET_KEYS.session);
    }
  }

  private async renew(): Promise<string> {
    if (this.ended) throw this.ended;
    // Another process or window on the same store may have refreshed already: its tokens are
    // the live ones, and ours is spent (presenting it again would end the sign-in).
    const stored = await getJson<StoredSession>(this.store, SECRET_KEYS.session);
    if (stored && stored.server === this.state.server && stored.username === this.state.username && stored.refreshToken !== this.state.refreshToken) {
      this.state = stored;
      if (stored.accessExpiresAt - this.now() > REFRESH_MARGIN_MS) return stored.accessToken;
    }
    try {
      const tokens = await this.api.refresh(this.state.refreshToken);
      this.state = Session.fromTokens(this.state.server, this.state.username, tokens, this.now());
    } catch (error) {
      if (isServerError(error, 'account_deactivated')) throw await this.end(new AccountDeactivatedError());
      if (!isServerError(error) || error.status !== 401) throw error;
      if (error.code === 'refresh_token_reused') throw await this.end(new SignedOutError(REUSED_MESSAGE));
      if (!this.authKey) throw await this.end(new SignedOutError());
      const answer = await this.api.login(this.state.username, toBase64(this.authKey)).catch(async (cause: unknown) => {
        if (isServerError(cause, 'invalid_credentials')) throw await this.end(new SignedOutError());
        if (isServerError(cause, 'account_deactivated')) throw await this.end(new AccountDeactivatedError());
        throw cause;
      });
      this.state = Session.fromTokens(this.state.server, this.state.username, answer, this.now());
    }
    await this.save();
    return this.state.accessToken;
  }

  /** The stored tokens are dead: forget them, and tell the front end once (also when the event stream learnt it). */
  async end(error: SignedOutError): Promise<SignedOutError> {
    if (this.ended) return this.ended;
    this.ended = error;
    await this.store.delete(SECRET_KEYS.session);
    this.endedListener?.(error);
    return error;
  }
}
