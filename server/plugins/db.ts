import { RequestContext } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import fp from 'fastify-plugin';
import { startEmbeddedPostgres } from '../db/embedded-postgres';
import { openDatabase, type DatabaseTarget } from '../db/orm';

export type DatabaseKind = 'postgresql' | 'embedded';

export interface DbPluginOptions {
  databaseUrl?: string;
  dataDir?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    orm: MikroORM;
    databaseKind: DatabaseKind;
    /** How the events plugin reaches PostgreSQL for LISTEN; absent when embedded. */
    databaseUrl?: string;
  }
  interface FastifyRequest {
    em: EntityManager;
  }
}

export default fp<DbPluginOptions>(async (app, options) => {
  let stopEmbedded: (() => Promise<void>) | undefined;
  let target: DatabaseTarget;
  if (options.databaseUrl) {
    target = { kind: 'postgresql', url: options.databaseUrl };
  } else {
    if (!options.dataDir) throw new Error('The embedded database needs a data folder.');
    const started = Date.now();
    const embedded = await startEmbeddedPostgres(options.dataDir);
    stopEmbedded = embedded.stop;
    // Nothing brings the database back without a restart: say so; /api/health answers 503 from here on.
    embedded.onCrash((error) => app.log.fatal({ err: error }, 'the embedded database stopped unexpectedly; restart the server'));
    target = { kind: 'embedded', host: embedded.host, port: embedded.port };
    app.log.info({ dataDir: options.dataDir, ms: Date.now() - started }, 'embedded database started');
  }
  let orm: MikroORM;
  try {
    orm = await openDatabase(target);
  } catch (error) {
    await stopEmbedded?.();
    throw error;
  }
  app.decorate('orm', orm);
  app.decorate('databaseKind', target.kind);
  app.decorate('databaseUrl', options.databaseUrl);
  app.decorateRequest('em', null as unknown as EntityManager);
  app.addHook('onRequest', (request, _reply, done) => {
    request.em = orm.em.fork();
    RequestContext.create(request.em, done);
  });
  app.addHook('onClose', async () => {
    await orm.close(true);
    await stopEmbedded?.();
  });
}, { name: 'db' });
