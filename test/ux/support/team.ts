// The rest of the team for a UX run: a real TeamChat server on a fresh PostgreSQL database (on
// a fixed port, so it can be stopped and started again under the panel), and bob, a teammate on
// the client core who sends and reads over real HTTP and WebSocket.
import { randomBytes } from 'node:crypto';
import { MemorySecretStore, TeamChatClient, type ChatMessage } from '../../../client';
import { freePort } from '../../../scripts/vscode/code-server.mjs';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startServerProcess, type ServerProcess } from '../../support/server-process';
export { eventually } from '../../support/eventually';

export const PASSPHRASE = 'correct horse battery staple';

export class Team {
  server!: ServerProcess;
  bob!: TeamChatClient;
  readonly inbox: ChatMessage[] = [];
  /** When each of bob's sends was handed to the client core (Date.now()), by body. */
  readonly sentAt = new Map<string, number>();
  readonly suffix = randomBytes(3).toString('hex');
  private database!: TestDatabase;
  private port = 0;

  get alice(): string {
    return `alice-${this.suffix}`;
  }

  async start(): Promise<void> {
    this.database = await createTestDatabase('ux');
    this.port = await freePort();
    await this.startServer();
    this.bob = await TeamChatClient.signUp(this.server.url, `bob-${this.suffix}`, PASSPHRASE, new MemorySecretStore());
    await this.bob.connect();
    this.bob.on('message', (m) => this.inbox.push(m));
  }

  async startServer(): Promise<void> {
    this.server = await startServerProcess({ databaseUrl: this.database.url, port: this.port });
  }

  async stopServer(): Promise<void> {
    await this.server.stop();
  }

  async say(groupId: string, body: string): Promise<void> {
    this.sentAt.set(body, Date.now());
    await this.bob.sendText(groupId, body);
  }

  async stop(): Promise<void> {
    await this.bob?.signOut().catch(() => undefined);
    await this.server?.stop();
    for (let attempt = 1; attempt <= 5; attempt++) {
      try {
        await this.database?.drop();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 1000 * attempt));
      }
    }
  }
}
