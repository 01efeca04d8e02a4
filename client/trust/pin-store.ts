// Trust on first use: the public keys of each person, pinned per server the first time this
// client saw them. A later answer with other keys is a "changed" key, which the client will
// not seal to until the user accepts it (after comparing safety numbers).

import type { PublicUserView } from '../../common/api';
import { getJson, SECRET_KEYS, setJson, type SecretStore } from '../secrets/secret-store';

export interface Pin {
  encryptionPublicKeyB64: string;
  signingPublicKeyB64: string;
  pinnedAt: string;
  /** Set when the user compared safety numbers with this person and accepted these keys. */
  verifiedAt?: string;
}

export type PinCheck = 'first-use' | 'same' | 'changed';

export class PinStore {
  private cache: Map<string, Pin> | undefined;

  constructor(private readonly store: SecretStore, private readonly server: string) {}

  async pinned(username: string): Promise<Pin | undefined> {
    return (await this.load()).get(username);
  }

  /** Compares the keys the server gave with the pin; pins them if there is none yet. */
  async check(user: PublicUserView): Promise<PinCheck> {
    const pin = await this.pinned(user.username);
    if (!pin) {
      await this.pin(user);
      return 'first-use';
    }
    return samePin(pin, user) ? 'same' : 'changed';
  }

  /** Pins these keys, replacing any earlier pin; `verified` when the user compared safety numbers. */
  async pin(user: PublicUserView, options: { verified?: boolean; now?: Date } = {}): Promise<void> {
    const pins = await this.load();
    const now = (options.now ?? new Date()).toISOString();
    pins.set(user.username, {
      encryptionPublicKeyB64: user.encryptionPublicKeyB64,
      signingPublicKeyB64: user.signingPublicKeyB64,
      pinnedAt: now,
      ...(options.verified ? { verifiedAt: now } : {}),
    });
    await setJson(this.store, SECRET_KEYS.pins(this.server), Object.fromEntries(pins));
  }

  private async load(): Promise<Map<string, Pin>> {
    // A Map, so that a username ("constructor", or "__proto__" from a lying server) is never
    // looked up as a key of the parsed JSON, whose prototype has those names.
    this.cache ??= new Map(Object.entries((await getJson<Record<string, Pin>>(this.store, SECRET_KEYS.pins(this.server))) ?? {}));
    return this.cache;
  }
}

export function samePin(pin: Pick<Pin, 'encryptionPublicKeyB64' | 'signingPublicKeyB64'>, user: PublicUserView): boolean {
  return pin.encryptionPublicKeyB64 === user.encryptionPublicKeyB64 && pin.signingPublicKeyB64 === user.signingPublicKeyB64;
}
