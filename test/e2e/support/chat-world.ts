// A real server process on a real database, restartable on the same port and database,
// and helpers to wait for what real clients see over their WebSocket.

import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createTestDatabase, createTempDataDir, type TempDataDir, type TestDatabase } from '../../support/database';
import { startServerProcess, type ServerProcess } from '../../support/server-process';
import type { ChatMessage, ConnectionState, TeamChatClient } from '../../../client';
import type { GroupView } from '../../../common/api';
import { dumpEmbedded, dumpPostgres, type DatabaseDump } from './database-dump';

export type Backend = 'embedded' | 'postgresql';
export const BACKENDS: readonly Backend[] = ['embedded', 'postgresql'];

export class ServerWorld {
  private server: ServerProcess | undefined;
  private port = 0;

  private constructor(
    readonly backend: Backend,
    private readonly database: TestDatabase | undefined,
    /** The embedded database's folder, and on either backend the token secret file's, kept across restarts. */
    private readonly dataDir: TempDataDir,
    private readonly env: Record<string, string>,
  ) {}

  /** `env`: extra environment for the server process (e.g. TEAMCHAT_ACCESS_TOKEN_SECONDS). */
  static async start(backend: Backend, env: Record<string, string> = {}): Promise<ServerWorld> {
    const world = backend === 'postgresql'
      ? new ServerWorld(backend, await createTestDatabase('e2e'), createTempDataDir('e2e'), env)
      : new ServerWorld(backend, undefined, createTempDataDir('e2e'), env);
    await world.startServer();
    return world;
  }

  /** The PostgreSQL database's URL, for a direct look at the rows; undefined when embedded. */
  get databaseUrl(): string | undefined {
    return this.database?.url;
  }

  get url(): string {
    if (!this.server) throw new Error('The server is not running.');
    return this.server.url;
  }

  /** What the running server process printed so far (e.g. its setup code). */
  output(): string {
    if (!this.server) throw new Error('The server is not running.');
    return this.server.output();
  }

  async startServer(): Promise<void> {
    this.server = await startServerProcess({
      port: this.port,
      env: this.env,
      dataDir: this.dataDir.dir,
      ...(this.database ? { databaseUrl: this.database.url } : {}),
    });
    this.port = Number(new URL(this.server.url).port);
  }

  async stopServer(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  /**
   * Ends the server without letting it shut down cleanly: SIGKILL on PostgreSQL, whose
   * commits are durable on their own. The embedded database lives inside the server
   * process, so there it gets SIGTERM, the way a service manager stops it.
   */
  async killServer(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    if (this.backend === 'embedded') return server.stop();
    const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
    server.child.kill('SIGKILL');
    await exited;
  }

  /** Every row of every table (the server is stopped first for an embedded database). */
  async dump(): Promise<DatabaseDump> {
    if (this.database) return dumpPostgres(this.database.url);
    await this.stopServer();
    return dumpEmbedded(this.dataDir.dir);
  }

  /**
   * Runs SQL on the server's database behind its back, as an attacker with the database can
   * (on the embedded one the server is stopped around it, and started again on its port).
   */
  async sql(query: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    if (this.database) {
      const client = new pg.Client({ connectionString: this.database.url });
      await client.connect();
      try {
        return (await client.query<Record<string, unknown>>(query, params)).rows;
      } finally {
        await client.end();
      }
    }
    await this.stopServer();
    const db = await PGlite.create(path.join(this.dataDir.dir, 'pgdata'));
    try {
      return (await db.query<Record<string, unknown>>(query, params)).rows;
    } finally {
      await db.close();
      await this.startServer();
    }
  }

  async close(): Promise<void> {
    await this.stopServer();
    await this.database?.drop();
    this.dataDir.remove();
  }
}

/** Records every 'message' event of a client, to count deliveries. */
export class Inbox {
  readonly arrived: ChatMessage[] = [];
  constructor(readonly client: TeamChatClient) {
    client.on('message', (message) => this.arrived.push(message));
  }

  /** The first message (arrived already or later) that matches. */
  next(matches: (message: ChatMessage) => boolean): Promise<ChatMessage> {
    const already = this.arrived.find(matches);
    if (already) return Promise.resolve(already);
    return new Promise((resolve) => {
      const off = this.client.on('message', (message) => {
        if (matches(message)) {
          off();
          resolve(message);
        }
      });
    });
  }

  count(msgId: string): number {
    return this.arrived.filter((m) => m.msgId === msgId).length;
  }
}

export function groupAppears(client: TeamChatClient, groupId: string): Promise<GroupView> {
  return untilGroups(client, (groups) => groups.find((g) => g.id === groupId));
}

export function groupDisappears(client: TeamChatClient, groupId: string): Promise<true> {
  return untilGroups(client, (groups) => (groups.some((g) => g.id === groupId) ? undefined : true));
}

function untilGroups<T>(client: TeamChatClient, check: (groups: GroupView[]) => T | undefined): Promise<T> {
  const now = check(client.groups());
  if (now !== undefined) return Promise.resolve(now);
  return new Promise((resolve) => {
    const off = client.on('groups-changed', (groups) => {
      const result = check(groups);
      if (result !== undefined) {
        off();
        resolve(result);
      }
    });
  });
}

export function connectionBecomes(client: TeamChatClient, state: ConnectionState): Promise<void> {
  if (client.connectionState === state) return Promise.resolve();
  return new Promise((resolve) => {
    const off = client.on('connection', (now) => {
      if (now === state) {
        off();
        resolve();
      }
    });
  });
}

/** Fast reconnects for tests: a restarted server is found within about a second. */
export const TEST_CLIENT_OPTIONS = { events: { backoff: { initialMs: 100, maxMs: 1000, factor: 2 } } };
