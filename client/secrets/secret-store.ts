// Where a client keeps what must survive a restart and must not lie in the clear: tokens,
// the sealed key vault, pinned public keys. Shaped like VS Code's SecretStorage (string
// values under string keys, async) so the extension adapts it in a few lines.

export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Keys the client core uses; a store may hold others. */
export const SECRET_KEYS = {
  session: 'teamchat.session',
  /** The key vault as the server gave it (sealed under the kek), so a profile unlocks offline. */
  keyVault: 'teamchat.keyVault',
  pins: (server: string) => `teamchat.pins:${server}`,
} as const;

/** For tests and for a client that should forget everything when it exits. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}

export async function getJson<T>(store: SecretStore, key: string): Promise<T | undefined> {
  const text = await store.get(key);
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

export async function setJson(store: SecretStore, key: string, value: unknown): Promise<void> {
  await store.set(key, JSON.stringify(value));
}
