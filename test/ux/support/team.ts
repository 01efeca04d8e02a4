// The rest of the team for a UX run: a real TeamChat server on a fresh PostgreSQL database (on
// a fixed port, so it can be stopped and started again under the panel), and bob, a teammate on
// the client core who sends and reads over real HTTP and WebSocket.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
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
  /** Teammates signed up on the client core besides bob (signed out at the end). */
  private readonly others: TeamChatClient[] = [];
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

  /** Another teammate on the client core, connected. */
  async teammate(name: string): Promise<TeamChatClient> {
    const client = await TeamChatClient.signUp(this.server.url, `${name}-${this.suffix}`, PASSPHRASE, new MemorySecretStore());
    this.others.push(client);
    await client.connect();
    return client;
  }

  /** What `teamchat-server admin grant` does on the server host: the role, set in the database. */
  async grantServerAdmin(username: string): Promise<void> {
    const db = new pg.Client({ connectionString: this.database.url });
    await db.connect();
    try {
      await db.query('UPDATE users SET server_admin = true WHERE username = $1', [username]);
    } finally {
      await db.end();
    }
  }

  async say(groupId: string, body: string): Promise<void> {
    this.sentAt.set(body, Date.now());
    await this.bob.sendText(groupId, body);
  }

  async stop(): Promise<void> {
    await this.bob?.signOut().catch(() => undefined);
    await Promise.all(this.others.map((c) => c.disconnect().catch(() => undefined)));
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
