import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import { poolUse } from '../db/pool-use';
import { ServerMetrics } from '../metrics/server-metrics';

export interface MetricsPluginOptions {
  /** TEAMCHAT_METRICS_TOKEN; without it there is no /metrics route (404) and nothing is counted. */
  token?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts a stored message for the metrics; does nothing when they are off. */
    countStoredMessage: () => void;
  }
}

/** The route label of a request no route matched (a 404), so that a scan of made-up URLs adds no series. */
const UNMATCHED = 'unmatched';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Prometheus metrics at GET /metrics, behind `Authorization: Bearer <token>`. The token is
 * never taken from the URL (URLs land in proxy logs) and is compared in constant time.
 */
export default fp<MetricsPluginOptions>(async (app, options) => {
  if (!options.token) {
    app.decorate('countStoredMessage', () => undefined);
    return;
  }
  const metrics = new ServerMetrics({ openEventSockets: () => app.openEventSockets(), poolUse: () => poolUse(app.orm) });
  app.decorate('countStoredMessage', () => metrics.messagesStored.inc());
  app.events.observeLag((seconds) => metrics.eventBusLag.observe(seconds));
  app.addHook('onResponse', (request, reply, done) => {
    const method = request.method;
    const route = request.routeOptions.url ?? UNMATCHED;
    metrics.requests.inc({ method, route, status: reply.statusCode });
    metrics.requestSeconds.observe({ method, route }, reply.elapsedTime / 1000);
    done();
  });

  const expected = sha256(`Bearer ${options.token}`);
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    // Hashing first makes both sides one length, so the comparison says nothing about the token's.
    if (!timingSafeEqual(sha256(request.headers.authorization ?? ''), expected)) {
      return reply.status(401).header('www-authenticate', 'Bearer realm="teamchat-metrics"')
        .send({ error: 'unauthorized', message: 'The metrics need the header "Authorization: Bearer <TEAMCHAT_METRICS_TOKEN>".' });
    }
    const text = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(text);
  });
}, { name: 'metrics', dependencies: ['db', 'realtime'] });
