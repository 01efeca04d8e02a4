// The extension's two settings. Nothing secret lives here: tokens and keys go to SecretStorage.
import * as vscode from 'vscode';
import { normalizeServerUrl } from '../client/api/server-url';

export const SETTINGS_SECTION = 'teamchat';

export interface TeamChatSettings {
  serverUrl: string;
  username: string;
}

export function readSettings(): TeamChatSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return { serverUrl: config.get<string>('serverUrl', '').trim(), username: config.get<string>('username', '').trim() };
}

/** The configured server URL, checked (https, or http on loopback); throws InvalidServerUrlError. */
export function configuredServerUrl(): string | undefined {
  const { serverUrl } = readSettings();
  return serverUrl ? normalizeServerUrl(serverUrl) : undefined;
}

export async function rememberUsername(username: string): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('username', username, vscode.ConfigurationTarget.Global);
}

export async function rememberServerUrl(serverUrl: string): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('serverUrl', serverUrl, vscode.ConfigurationTarget.Global);
}
