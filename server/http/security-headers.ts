import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

export interface SecurityHeadersOptions {
  /** Over HTTPS the policy also tells browsers to upgrade the page's requests. */
  https: boolean;
}

/** The API answers JSON only; the one HTML page is /docs, whose assets are same-origin. */
export function helmetOptions(https: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        // Over plain HTTP it would send the browser to an https:// that does not exist.
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
  };
}

/**
 * Helmet's headers on every answer. @fastify/helmet builds a new helmet middleware, parsing
 * the policy again, for each request (3% of a send's CPU); the headers never change, so the
 * middleware is built once here and only run per request.
 */
export default fp<SecurityHeadersOptions>(async (app, options) => {
  const setHeaders = helmet(helmetOptions(options.https));
  // Helmet throws a failure rather than handing it on, so its callback only says "next".
  app.addHook('onRequest', (request, reply, done) => setHeaders(request.raw, reply.raw, () => done()));
}, { name: 'security-headers' });
