import net from 'node:net';

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  silent: boolean;
  webSocket: boolean;
}

/**
 * A TCP proxy in front of the server that can go silent: `blackholeWebSockets()` stops
 * forwarding on every WebSocket open at that moment without closing either side, the way
 * a dead NAT entry or a sleeping laptop's Wi-Fi looks to both ends. Plain HTTP keeps
 * flowing and connections made afterwards are forwarded normally, so a client whose
 * heartbeat notices can reconnect.
 */
export class SilentProxy {
  private readonly server: net.Server;
  private readonly open = new Set<Pair>();
  private readonly parked: net.Socket[] = [];
  port = 0;

  constructor(private readonly targetPort: number, private readonly targetHost = '127.0.0.1') {
    this.server = net.createServer((client) => this.accept(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** Silences every live WebSocket; returns how many went silent. */
  blackholeWebSockets(): number {
    let count = 0;
    for (const pair of this.open) {
      if (pair.silent || !pair.webSocket) continue;
      pair.silent = true;
      count += 1;
      pair.client.unpipe(pair.upstream);
      pair.upstream.unpipe(pair.client);
      // Keep both sockets open but read nothing more, so neither side sees a FIN or RST.
      pair.client.pause();
      pair.upstream.pause();
      this.parked.push(pair.client, pair.upstream);
    }
    return count;
  }

  async close(): Promise<void> {
    for (const pair of this.open) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    for (const socket of this.parked) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect(this.targetPort, this.targetHost);
    const pair: Pair = { client, upstream, silent: false, webSocket: false };
    this.open.add(pair);
    // An upgrade request is the first thing a WebSocket sends.
    client.once('data', (chunk: Buffer) => {
      pair.webSocket = /^upgrade:\s*websocket/im.test(chunk.toString('latin1'));
    });
    const end = () => {
      if (pair.silent) return;
      this.open.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
