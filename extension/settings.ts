// The extension's two settings. Nothing secret lives here: tokens and keys go to SecretStorage.
import * as vscode from 'vscode';
import { checkServerUrl } from './server-url';

export const SETTINGS_SECTION = 'teamchat';

export interface TeamChatSettings {
  serverUrl: string;
  username: string;
}

export function readSettings(): TeamChatSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return { serverUrl: config.get<string>('serverUrl', '').trim(), username: config.get<string>('username', '').trim() };
}

/** The configured server URL, checked; throws InvalidServerUrlError with what to fix. */
export function configuredServerUrl(): string {
  return checkServerUrl(readSettings().serverUrl);
}

export async function rememberUsername(username: string): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('username', username, vscode.ConfigurationTarget.Global);
}

export async function rememberServerUrl(serverUrl: string): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('serverUrl', serverUrl, vscode.ConfigurationTarget.Global);
}
