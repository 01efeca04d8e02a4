// A plain round-robin TCP balancer on loopback: each connection (an event socket, or an
// HTTP keep-alive connection) goes to the next backend and stays there, as an L4 balancer
// in front of several TeamChat processes would do. Usage: balancer.ts <port> <backend port>...
import net from 'node:net';

const [portText, ...backendTexts] = process.argv.slice(2);
const backends = backendTexts.map(Number);
let next = 0;

const server = net.createServer((client) => {
  const port = backends[next++ % backends.length] as number;
  const backend = net.connect({ host: '127.0.0.1', port });
  client.setNoDelay(true);
  backend.setNoDelay(true);
  client.pipe(backend);
  backend.pipe(client);
  const end = () => {
    client.destroy();
    backend.destroy();
  };
  client.on('error', end);
  backend.on('error', end);
  client.on('close', end);
  backend.on('close', end);
});
server.listen(Number(portText), '127.0.0.1', () => process.stdout.write('listening\n'));
