import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiHttpError } from './errors';
import { isDatabaseUnavailable } from './database-unavailable';

const GENERIC_CODES: Record<number, string> = {
  400: 'invalid_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
  406: 'not_acceptable', 408: 'request_timeout', 409: 'conflict', 411: 'length_required', 413: 'payload_too_large',
  414: 'uri_too_long', 415: 'unsupported_media_type', 429: 'rate_limited', 431: 'headers_too_large',
};

const FASTIFY_MESSAGES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large', 'The request body is too large; send less data.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'Send the request body as application/json.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_request', 'The JSON body is empty; send a JSON object.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_request', 'The body is not valid JSON; send a JSON object.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_request', 'The Content-Length header does not match the body.'],
};

/**
 * Every error leaves as JSON {error, message}: no stack, no echo of the request (which may
 * hold a token or key), and a 5xx never says more than that it happened.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiHttpError) {
      return reply.status(error.statusCode).send({ error: error.code, message: error.message });
    }
    if (error.validation) {
      // Ajv's text names the field and the rule, never the value sent.
      const where = error.validationContext ? `${error.validationContext}` : 'request';
      const detail = error.validation[0];
      const field = detail?.instancePath ? `${where}${detail.instancePath.replace(/\//g, '.')}` : where;
      return reply.status(400).send({ error: 'invalid_request', message: `The ${field} is not valid: it ${detail?.message ?? 'does not match the schema'}.` });
    }
    const known = error.code ? FASTIFY_MESSAGES[error.code] : undefined;
    if (known) return reply.status(known[0]).send({ error: known[1], message: known[2] });
    if (error instanceof SyntaxError) {
      return reply.status(400).send({ error: 'invalid_request', message: 'The body is not valid JSON; send a JSON object.' });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = GENERIC_CODES[status] ?? 'invalid_request';
      if (status === 429) return reply.status(429).send({ error: 'rate_limited', message: 'Too many attempts; wait a minute and try again.' });
      return reply.status(status).send({ error: code, message: `The request was refused (${code.replace(/_/g, ' ')}).` });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply.status(503).send({ error: 'database_unavailable', message: 'The database does not answer; try again shortly.' });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: 'internal_error', message: 'Something went wrong on the server; try again later.' });
  });

  app.setNotFoundHandler((_request, reply) => {
    reply.status(404).send({ error: 'not_found', message: 'There is no such route on this server; the API is listed at /docs.' });
  });
}
