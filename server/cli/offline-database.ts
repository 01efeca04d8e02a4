import { existsSync } from 'node:fs';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { DataDirInUseError, startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded-postgres';
import { ormOptions, type DatabaseTarget } from '../db/orm';
import type { ServerConfig } from '../config';
import { CommandFailed } from './command';

export interface OfflineDatabase {
  orm: MikroORM;
  target: DatabaseTarget;
  close(): Promise<void>;
}

/** The embedded database's own folder inside the data folder. */
export function pgdataDir(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}

/** The sentence for a data folder a running server holds: the embedded database serves one process. */
export function inUseMessage(error: DataDirInUseError, task: string): string {
  return `A TeamChat server (process ${error.pid}) is running on ${error.dataDir}; stop it, then ${task}: the embedded database serves one process at a time.`;
}

/**
 * The configured database, for a task on the server host: PostgreSQL beside running servers,
 * or the embedded one while no server holds its folder. Migrates nothing by itself.
 */
export async function openOfflineDatabase(config: Omit<ServerConfig, 'command'>, task: string, create: boolean): Promise<OfflineDatabase> {
  if (config.databaseUrl) {
    const target: DatabaseTarget = { kind: 'postgresql', url: config.databaseUrl };
    const orm = await MikroORM.init(ormOptions(target));
    return { orm, target, close: () => orm.close(true) };
  }
  if (!create && !existsSync(pgdataDir(config.dataDir))) {
    throw new CommandFailed(`There is no TeamChat database in ${config.dataDir}; give the server's --data-dir (or TEAMCHAT_DATA_DIR).`);
  }
  let embedded: EmbeddedPostgres;
  try {
    embedded = await startEmbeddedPostgres(config.dataDir);
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new CommandFailed(inUseMessage(error, task));
    throw error;
  }
  const target: DatabaseTarget = { kind: 'embedded', host: embedded.host, port: embedded.port };
  let orm: MikroORM;
  try {
    orm = await MikroORM.init(ormOptions(target));
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return {
    orm,
    target,
    close: async () => {
      await orm.close(true);
      await embedded.stop();
    },
  };
}
