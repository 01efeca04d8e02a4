// Everyone's public keys as this client trusts them: fetched from GET /api/users/{name},
// checked against the pins, cached for the session. Sealing to a person whose keys changed
// is refused (KeyChangedError); verifying their messages uses the pinned keys, so a server
// that swaps keys cannot make a forged message look fine.

import type { PublicUserView } from '../../common/api';
import { fromBase64, safetyNumber, toBase64, type Identity, type PublicIdentity } from '../../common/crypto';
import type { ApiClient } from '../api/api-client';
import { KeyChangedError } from '../errors';
import { samePin, type Pin, type PinStore } from './pin-store';

export interface TrustedUser extends PublicIdentity {
  username: string;
}

export type KeyTrust = 'verified' | 'pinned' | 'changed' | 'unknown';

export interface KeyCheck {
  username: string;
  /** The safety number over my keys and the keys the server gives for them now. */
  safetyNumber: string;
  status: 'pinned' | 'changed' | 'first-use';
  /** With status 'changed': the safety number over the keys pinned earlier. */
  pinnedSafetyNumber?: string;
}

function decodeKeys(keys: Pick<Pin, 'encryptionPublicKeyB64' | 'signingPublicKeyB64'>): PublicIdentity {
  return {
    encryptionPublicKey: fromBase64(keys.encryptionPublicKeyB64, 'encryption public key'),
    signingPublicKey: fromBase64(keys.signingPublicKeyB64, 'signing public key'),
  };
}

function viewOf(user: TrustedUser): PublicUserView {
  return { username: user.username, encryptionPublicKeyB64: toBase64(user.encryptionPublicKey), signingPublicKeyB64: toBase64(user.signingPublicKey) };
}

export class UserDirectory {
  private readonly trusted = new Map<string, TrustedUser>();
  private readonly changed = new Map<string, KeyChangedError>();

  constructor(
    private readonly api: ApiClient,
    private readonly pins: PinStore,
    private readonly me: { username: string; identity: Identity },
    private readonly onKeyChanged: (warning: KeyChangedError) => void = () => {},
  ) {}

  /** Keys to seal to or verify with: mine from my vault, others' pinned. Throws KeyChangedError on a change. */
  async keysOf(username: string): Promise<TrustedUser> {
    if (username === this.me.username) return { username, ...this.myKeys() };
    const cached = this.trusted.get(username);
    if (cached) return cached;
    const known = this.changed.get(username);
    if (known) throw known;
    const adopted = await this.adopt(await this.api.user(username));
    if (adopted instanceof KeyChangedError) throw adopted;
    return adopted;
  }

  /**
   * The members' keys as a verified group log gives them (an admin vouched for each when
   * adding them): pinned on first use like a lookup, and a change from the pin is raised as a
   * warning, so a key swapped in a later add stands out.
   */
  async trustLogKeys(members: Array<{ username: string; encryptionKey: string; signingKey: string }>): Promise<void> {
    for (const m of members) {
      const user = { username: m.username, encryptionPublicKeyB64: m.encryptionKey, signingPublicKeyB64: m.signingKey };
      const trusted = this.trusted.get(m.username);
      // Already trusted with these keys, or already warned about: nothing new to check.
      if (trusted ? samePin(viewOf(trusted), user) : this.changed.has(m.username)) continue;
      await this.adopt(user);
    }
  }

  /** Keys a lookup or a log gave, checked against the pin: trusted from now on, or a raised warning. */
  private async adopt(user: PublicUserView): Promise<TrustedUser | KeyChangedError> {
    if ((await this.pins.check(user)) === 'changed') {
      const warning = await this.changeWarning(user);
      this.trusted.delete(user.username);
      this.changed.set(user.username, warning);
      this.onKeyChanged(warning);
      return warning;
    }
    const trusted = { username: user.username, ...decodeKeys(user) };
    this.trusted.set(user.username, trusted);
    return trusted;
  }

  /** Keys to seal to, as the verified log gives them; refused (KeyChangedError) while they differ from the pin. */
  sealingKeysFromLog(member: { username: string; encryptionKey: string; signingKey: string }): TrustedUser {
    if (member.username === this.me.username) return { username: member.username, ...this.myKeys() };
    const changed = this.changed.get(member.username);
    if (changed) throw changed;
    return { username: member.username, ...decodeKeys({ encryptionPublicKeyB64: member.encryptionKey, signingPublicKeyB64: member.signingKey }) };
  }

  /**
   * The keys to verify a person's signatures with: the pinned ones even when the server now
   * gives others (a warning is raised), so a swapped key shows as a bad signature.
   */
  async verificationKeysOf(username: string): Promise<TrustedUser> {
    try {
      return await this.keysOf(username);
    } catch (error) {
      if (!(error instanceof KeyChangedError)) throw error;
      const pin = await this.pins.pinned(username);
      if (!pin) throw error;
      return { username, ...decodeKeys(pin) };
    }
  }

  /** How far this client trusts a person's keys: compared by safety number, only pinned on first use, or changed since. */
  async trust(username: string): Promise<KeyTrust> {
    if (username === this.me.username) return 'verified';
    if (this.changed.has(username)) return 'changed';
    const pin = await this.pins.pinned(username);
    if (!pin) return 'unknown';
    return pin.verifiedAt ? 'verified' : 'pinned';
  }

  /** What `fingerprint <user>` shows: the safety number now, and whether it changed. */
  async check(username: string): Promise<KeyCheck> {
    const user = username === this.me.username ? this.myView() : await this.api.user(username);
    const pin = await this.pins.pinned(username);
    const now = this.safetyNumberWith(user);
    if (username === this.me.username) return { username, safetyNumber: now, status: 'pinned' };
    if (!pin) {
      await this.pins.pin(user);
      return { username, safetyNumber: now, status: 'first-use' };
    }
    if (pin.encryptionPublicKeyB64 === user.encryptionPublicKeyB64 && pin.signingPublicKeyB64 === user.signingPublicKeyB64) {
      return { username, safetyNumber: now, status: 'pinned' };
    }
    return { username, safetyNumber: now, status: 'changed', pinnedSafetyNumber: this.safetyNumberWith({ username, ...pin }) };
  }

  /** The user compared safety numbers and accepts the keys the server gives now: pinned as verified. */
  async accept(username: string, compared?: string): Promise<KeyCheck> {
    const user = await this.api.user(username);
    // The server may answer with other keys than the ones behind the number the user compared.
    if (compared !== undefined && this.safetyNumberWith(user) !== compared) throw new KeyChangedError(username, compared, this.safetyNumberWith(user));
    await this.pins.pin(user, { verified: true });
    this.changed.delete(username);
    this.trusted.set(username, { username, ...decodeKeys(user) });
    return { username, safetyNumber: this.safetyNumberWith(user), status: 'pinned' };
  }

  private async changeWarning(user: PublicUserView): Promise<KeyChangedError> {
    const pin = (await this.pins.pinned(user.username)) as Pin;
    return new KeyChangedError(user.username, this.safetyNumberWith({ username: user.username, ...pin }), this.safetyNumberWith(user));
  }

  private safetyNumberWith(other: Pick<PublicUserView, 'username' | 'encryptionPublicKeyB64' | 'signingPublicKeyB64'>): string {
    return safetyNumber({ username: this.me.username, ...this.myKeys() }, { username: other.username, ...decodeKeys(other) });
  }

  private myKeys(): PublicIdentity {
    return { encryptionPublicKey: this.me.identity.encryptionPublicKey, signingPublicKey: this.me.identity.signingPublicKey };
  }

  private myView(): PublicUserView {
    return viewOf({ username: this.me.username, ...this.myKeys() });
  }
}
