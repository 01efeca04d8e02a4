// VS Code's SecretStorage (the OS keychain) as the client core's SecretStore. Tokens, pinned
// keys and, only when the user asks, the remembered key material live here; never settings,
// globalState or logs.
import type * as vscode from 'vscode';
import type { SecretStore } from '../client';

export class VsCodeSecretStore implements SecretStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(key: string): Promise<string | undefined> {
    return this.secrets.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    await this.secrets.store(key, value);
  }

  async delete(key: string): Promise<void> {
    await this.secrets.delete(key);
  }
}
