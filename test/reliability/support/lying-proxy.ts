import http from 'node:http';

export interface ProxiedRequest {
  method: string;
  /** Path and query, as the client sent them. */
  url: string;
  body: unknown;
}

export interface ProxiedAnswer {
  status: number;
  json: unknown;
}

/**
 * An HTTP proxy in front of the API that lies the way a hostile operator can: it forwards
 * every request, and `rewrite` may change any JSON answer on its way back; `intercept` may
 * answer a request itself without the server ever seeing it (a fake acknowledgement). Only
 * plain HTTP: clients behind it are not connected to the event stream.
 */
export class LyingProxy {
  rewrite: ((request: ProxiedRequest, answer: ProxiedAnswer) => unknown) | undefined;
  intercept: ((request: ProxiedRequest) => ProxiedAnswer | undefined) | undefined;
  private readonly server: http.Server;
  url = '';

  constructor(private readonly target: string) {
    this.server = http.createServer((req, res) => {
      void this.handle(req, res).catch((error: unknown) => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'proxy_failed', message: String(error) }));
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const request: ProxiedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', body: raw ? JSON.parse(raw) : undefined };
    const faked = this.intercept?.(request);
    if (faked) return send(res, faked.status, faked.json);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    if (raw) headers['content-type'] = 'application/json';
    const upstream = await fetch(this.target + request.url, { method: request.method, headers, ...(raw ? { body: raw } : {}) });
    const text = await upstream.text();
    if (!text) {
      res.writeHead(upstream.status);
      res.end();
      return;
    }
    const answer: ProxiedAnswer = { status: upstream.status, json: JSON.parse(text) };
    send(res, upstream.status, this.rewrite ? this.rewrite(request, answer) ?? answer.json : answer.json);
  }
}

function send(res: http.ServerResponse, status: number, json: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(json));
}
