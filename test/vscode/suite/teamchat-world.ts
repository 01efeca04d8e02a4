// What the integration tests share: a real TeamChat server on a fresh PostgreSQL database,
// a second user (bob) on the client core, and the extension under test (alice).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { MemorySecretStore, TeamChatClient, type ChatMessage } from '../../../client';
import type { TeamChatApp } from '../../../extension/teamchat-app';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startServerProcess, type ServerProcess } from '../../support/server-process';
export { eventually } from '../../support/eventually';

export const PASSPHRASE = 'correct horse battery staple';

export interface World {
  server: ServerProcess;
  database: TestDatabase;
  app: TeamChatApp;
  alice: string;
  bob: TeamChatClient;
  bobInbox: ChatMessage[];
}

export async function startWorld(): Promise<World> {
  const database = await createTestDatabase('vscode');
  let server: ServerProcess;
  try {
    server = await startServerProcess({ databaseUrl: database.url });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const ext = vscode.extensions.getExtension<TeamChatApp>('teamchat.teamchat');
  if (!ext) throw new Error('The TeamChat extension is not installed in this VS Code.');
  const app = await ext.activate();
  const suffix = randomBytes(3).toString('hex');
  const bob = await TeamChatClient.signUp(server.url, `bob-${suffix}`, PASSPHRASE, new MemorySecretStore());
  await bob.connect();
  const bobInbox: ChatMessage[] = [];
  bob.on('message', (m) => bobInbox.push(m));
  return { server, database, app, alice: `alice-${suffix}`, bob, bobInbox };
}

export async function stopWorld(world: World | undefined): Promise<void> {
  if (!world) return;
  await vscode.commands.executeCommand('teamchat.signOut').then(undefined, () => undefined);
  await world.bob.signOut().catch(() => undefined);
  await world.server.stop();
  await dropWithRetry(world.database);
}

/** Dropping races a just-stopped server's last connections (and PostgreSQL restarts by other suites). */
async function dropWithRetry(database: TestDatabase): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await database.drop();
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}
