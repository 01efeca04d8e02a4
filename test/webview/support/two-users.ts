// A real server on its own database with two signed-up, connected users, for the host tests
// that run the adapter over the real client core.
import { randomBytes } from 'node:crypto';
import { MemorySecretStore, TeamChatClient } from '../../../client';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startServerProcess, type ServerProcess } from '../../support/server-process';
export { eventually } from '../../support/eventually';

export const PASSPHRASE = 'correct horse battery staple';

export interface TwoUsers {
  server: ServerProcess;
  alice: TeamChatClient;
  bob: TeamChatClient;
  stop(): Promise<void>;
}

export async function startTwoUsers(databaseName: string): Promise<TwoUsers> {
  const database: TestDatabase = await createTestDatabase(databaseName);
  const server = await startServerProcess({ databaseUrl: database.url });
  const suffix = randomBytes(3).toString('hex');
  const [alice, bob] = await Promise.all([
    TeamChatClient.signUp(server.url, `alice-${suffix}`, PASSPHRASE, new MemorySecretStore()),
    TeamChatClient.signUp(server.url, `bob-${suffix}`, PASSPHRASE, new MemorySecretStore()),
  ]);
  await Promise.all([alice.connect(), bob.connect()]);
  return {
    server,
    alice,
    bob,
    stop: async () => {
      await alice.signOut().catch(() => undefined);
      await bob.signOut().catch(() => undefined);
      await server.stop();
      await database.drop();
    },
  };
}
