import { createHmac } from 'node:crypto';
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { databaseRateLimitStore } from '../http/rate-limit-store';
import { deleteExpiredRateLimits } from '../store/rate-limits';

/** How often this process forgets the counters whose minute has passed. */
const CLEAN_EVERY_MS = 60_000;

/**
 * @fastify/rate-limit with its counts in the database, for the routes that ask for it with
 * `config.rateLimit` (the sign-in routes). Counted per client address, which is the one in
 * X-Forwarded-For when trustProxy says to believe the proxy.
 */
export default fp(async (app) => {
  // The prelogin key survives a rotation of the token secret, so the counts do too.
  const hashKey = createHmac('sha256', app.serverKeys.preloginKey).update('teamchat/v1/server/rate-limit').digest();
  const knex = () => app.orm.em.getConnection().getKnex();
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(knex, hashKey),
    errorResponseBuilder: () => ({ statusCode: 429, error: 'rate_limited', message: 'Too many attempts; wait a minute and try again.' }),
  });
  const cleaner = setInterval(() => {
    deleteExpiredRateLimits(knex()).catch((error: unknown) => app.log.warn({ err: error }, 'expired rate limits could not be deleted'));
  }, CLEAN_EVERY_MS).unref();
  app.addHook('onClose', async () => clearInterval(cleaner));
}, { name: 'rate-limits', dependencies: ['db', 'auth'] });
