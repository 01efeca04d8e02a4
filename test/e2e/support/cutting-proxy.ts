// An HTTP proxy in front of the API that drops connections the way a flaky network does, at
// the worst moment: a chunk upload that reached the server loses its answer, or a download is
// cut in the middle of a chunk. Everything else passes through untouched. No WebSocket.

import http from 'node:http';

const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);

function forwardedHeaders(headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_HEADERS.has(name.toLowerCase())));
}

export class CuttingProxy {
  private readonly server: http.Server;
  private target = '';
  /** Chunk PUTs still to pass before the next one's answer is cut; undefined: none. */
  private putsBeforeCut: number | undefined;
  /** Bytes of the next download to pass before it is cut; undefined: none. */
  private downloadBytesBeforeCut: number | undefined;
  /** How many connections were cut. */
  cuts = 0;
  /** Chunk PUTs that reached the server. */
  chunkPuts = 0;
  url = '';

  constructor() {
    this.server = http.createServer((req, res) => this.forward(req, res));
  }

  async listen(target: string): Promise<string> {
    this.target = target;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this.url;
  }

  /** After `passing` chunk PUTs, the next one reaches the server but its client never hears back. */
  cutUploadAfter(passing: number): void {
    this.putsBeforeCut = passing;
  }

  /** The next download is cut after `bytes` of its answer. */
  cutDownloadAfter(bytes: number): void {
    this.downloadBytesBeforeCut = bytes;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const isChunkPut = req.method === 'PUT' && /\/files\/[0-9a-f]{32}\/chunks\/\d+$/.test(req.url ?? '');
    const isDownload = req.method === 'GET' && /\/files\/[0-9a-f]{32}\/content(\?|$)/.test(req.url ?? '');
    if (isChunkPut) this.chunkPuts += 1;
    let cutThisPut = false;
    if (isChunkPut && this.putsBeforeCut !== undefined) {
      if (this.putsBeforeCut === 0) {
        cutThisPut = true;
        this.putsBeforeCut = undefined;
      } else {
        this.putsBeforeCut -= 1;
      }
    }
    let downloadBudget: number | undefined;
    if (isDownload && this.downloadBytesBeforeCut !== undefined) {
      downloadBudget = this.downloadBytesBeforeCut;
      this.downloadBytesBeforeCut = undefined;
    }
    const upstream = http.request(new URL(req.url ?? '/', this.target), { method: req.method, headers: forwardedHeaders(req.headers) }, (answer) => {
      if (cutThisPut) {
        answer.resume();
        answer.once('end', () => this.cut(req));
        return;
      }
      res.writeHead(answer.statusCode ?? 502, forwardedHeaders(answer.headers));
      if (downloadBudget === undefined) {
        answer.pipe(res);
        return;
      }
      let left = downloadBudget;
      answer.on('data', (data: Buffer) => {
        if (left <= 0) return;
        if (data.byteLength < left) {
          left -= data.byteLength;
          res.write(data);
          return;
        }
        res.write(data.subarray(0, left), () => this.cut(req));
        left = 0;
        answer.destroy();
      });
      answer.on('end', () => res.end());
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }

  private cut(req: http.IncomingMessage): void {
    this.cuts += 1;
    req.socket.destroy();
  }
}
