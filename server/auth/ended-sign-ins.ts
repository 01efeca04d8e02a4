import { ACCOUNT_DEACTIVATED_MESSAGE, unauthorized } from '../http/errors';
import type { AccountStatus } from '../../common/api';
import type { EndedSnapshot } from '../store/ended-sign-ins';
import type { AccessClaims } from './tokens';

/** The database's and this process's clocks may differ a little: forget an ended sign-in this much later. */
const CLOCK_MARGIN_MS = 60_000;

/**
 * The sign-ins that ended before their access tokens expire, and the accounts that sign
 * nobody in, as this process knows them: checked on every request with no query. The
 * database is the truth (users.status, ended_sign_ins); every process reloads it at start,
 * on each notice that it changed, and whenever its LISTEN connection comes back (a notice
 * may have been missed while it was away).
 */
/** An account whose status changed since the previous reload (none on the first). */
export interface AccountChange {
  username: string;
  status: AccountStatus;
}

export class EndedSignIns {
  private inactive = new Map<string, AccountStatus>();
  private loaded = false;
  private families = new Map<string, number>();
  private reloading: Promise<void> | undefined;
  private again = false;

  /**
   * `listeners` are called after each reload, e.g. to close the event sockets of ended
   * sign-ins and to tell this process's sockets of accounts whose status changed: each process
   * tells its own, whoever made the change (a route of another process, a command on the host).
   */
  constructor(private readonly load: () => Promise<EndedSnapshot>, private readonly listeners: ReadonlySet<(changes: AccountChange[]) => void>) {}

  /** Throws the 401 a token of an ended sign-in or of an inactive account gets. */
  check(claims: Pick<AccessClaims, 'username' | 'signIn'>): void {
    const refusal = this.refusal(claims);
    if (refusal === 'account_deactivated') {
      throw unauthorized('account_deactivated', ACCOUNT_DEACTIVATED_MESSAGE);
    }
    if (refusal === 'session_ended') {
      throw unauthorized('session_ended', 'This sign-in was ended (the passphrase was changed, or the account deactivated); sign in again.');
    }
  }

  refusal({ username, signIn }: Pick<AccessClaims, 'username' | 'signIn'>): 'account_deactivated' | 'session_ended' | undefined {
    if (this.inactive.has(username)) return 'account_deactivated';
    if (signIn === undefined) return undefined;
    const forgetAt = this.families.get(signIn);
    if (forgetAt === undefined) return undefined;
    if (forgetAt > Date.now()) return 'session_ended';
    this.families.delete(signIn);
    return undefined;
  }

  /** Reads the database again; calls during a reload run one more after it, so none is lost. */
  reload(): Promise<void> {
    if (this.reloading) {
      this.again = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      do {
        this.again = false;
        this.replace(await this.load());
      } while (this.again);
    })().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private replace(snapshot: EndedSnapshot): void {
    const before = this.inactive;
    this.inactive = new Map(snapshot.inactive.map((a) => [a.username, a.status]));
    this.families = new Map(snapshot.families.map((f) => [f.familyId, f.forgetAtMs + CLOCK_MARGIN_MS]));
    const changes: AccountChange[] = [];
    if (this.loaded) {
      for (const [username, status] of this.inactive) if (before.get(username) !== status) changes.push({ username, status });
      for (const username of before.keys()) if (!this.inactive.has(username)) changes.push({ username, status: 'active' });
    }
    this.loaded = true;
    for (const listener of this.listeners) listener(changes);
  }
}
