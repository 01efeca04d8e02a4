// "Remember on this device": the key material that opens the key vault without the passphrase
// (kek and authKey, with the sealed vault itself), kept in SecretStorage until Lock or Sign Out.
import type { KdfParams } from '../common/crypto';
import { fromBase64, toBase64 } from '../common/crypto';
import type { SecretStore, SignedInAccount } from '../client';

export const REMEMBERED_KEY = 'teamchat.rememberedVault';

export interface RememberedKeys {
  server: string;
  username: string;
  kdf: KdfParams;
  authKeyB64: string;
  kekB64: string;
}

export async function rememberKeys(store: SecretStore, server: string, account: SignedInAccount): Promise<void> {
  const value: RememberedKeys = { server, username: account.username, kdf: account.kdf, authKeyB64: toBase64(account.authKey), kekB64: toBase64(account.kek) };
  await store.set(REMEMBERED_KEY, JSON.stringify(value));
}

export async function loadRememberedKeys(store: SecretStore): Promise<(Omit<RememberedKeys, 'authKeyB64' | 'kekB64'> & { authKey: Uint8Array; kek: Uint8Array }) | undefined> {
  const text = await store.get(REMEMBERED_KEY);
  if (!text) return undefined;
  try {
    const r = JSON.parse(text) as RememberedKeys;
    return { server: r.server, username: r.username, kdf: r.kdf, authKey: fromBase64(r.authKeyB64, 'authKey'), kek: fromBase64(r.kekB64, 'kek') };
  } catch {
    await store.delete(REMEMBERED_KEY);
    return undefined;
  }
}

export async function forgetRememberedKeys(store: SecretStore): Promise<void> {
  await store.delete(REMEMBERED_KEY);
}
