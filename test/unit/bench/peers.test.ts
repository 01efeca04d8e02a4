// The peer section's own pieces: its options, and the minimal XMPP client that holds thousands
// of signed-in sessions for the memory figure (against a scripted server that checks each step).
import assert from 'node:assert/strict';
import net from 'node:net';
import { readBenchOptions, UsageError } from '../../../bench/support/args';
import { signInMany } from '../../../bench/peers/xmpp-logins';

/** Plays an XMPP server's side of sign-in; `acceptPassword` decides the SASL answer. */
async function fakeServer(acceptPassword: (user: string, password: string) => boolean) {
  const seen: string[] = [];
  const server = net.createServer((socket) => {
    let text = '';
    let streams = 0;
    socket.on('data', (chunk) => {
      text += chunk.toString();
      if (text.includes('<stream:stream') && text.endsWith("version='1.0'>")) {
        streams += 1;
        text = '';
        socket.write("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='s' from='bench.localhost' version='1.0'>");
        socket.write(streams === 1
          ? "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>"
          : "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>");
        return;
      }
      const auth = /<auth [^>]*mechanism='PLAIN'>([^<]*)<\/auth>/.exec(text);
      if (auth) {
        text = '';
        const [, user, password] = Buffer.from(auth[1]!, 'base64').toString().split('\0');
        seen.push(`auth ${user}`);
        socket.write(acceptPassword(user!, password!) ? "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>" : "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>");
        return;
      }
      if (text.includes("<iq type='set' id='bind1'>") && text.includes('</iq>')) {
        text = '';
        seen.push('bind');
        socket.write("<iq type='result' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>x@bench.localhost/bench</jid></bind></iq>");
        return;
      }
      if (text.includes('<presence/>')) {
        text = '';
        seen.push('presence');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('bench peers', () => {
  it('reads --peer-pairs and --peer-clients, and refuses a bad count', () => {
    const options = readBenchOptions(['--only', 'peers', '--peer-pairs', '2', '--peer-clients', '10000'], {})!;
    assert.deepEqual([...options.sections], ['peers']);
    assert.equal(options.peerPairs, 2);
    assert.equal(options.peerClients, 10_000);
    const defaults = readBenchOptions([], {})!;
    assert.equal(defaults.peerPairs, 5);
    assert.equal(defaults.peerClients, 2000);
    assert.ok(defaults.sections.has('peers'), 'the default run includes the peer (skipped with a note without ejabberd)');
    assert.throws(() => readBenchOptions(['--peer-pairs', '0'], {}), UsageError);
  });

  it('signs sessions in step by step (PLAIN, stream restart, bind, presence) and holds them', async () => {
    const server = await fakeServer((_user, password) => password === 'pw');
    try {
      const held = await signInMany(server.port, 'bench.localhost', 'pw', 3, 2);
      assert.equal(held.count, 3);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(server.seen.filter((s) => s.startsWith('auth')).sort(), ['auth bench0', 'auth bench1', 'auth bench2']);
      assert.equal(server.seen.filter((s) => s === 'bind').length, 3);
      assert.equal(server.seen.filter((s) => s === 'presence').length, 3);
      held.close();
    } finally {
      await server.close();
    }
  });

  it('fails, naming the user, when the server refuses the password', async () => {
    const server = await fakeServer((user) => user !== 'bench1');
    try {
      await assert.rejects(signInMany(server.port, 'bench.localhost', 'pw', 2, 1), /bench1: SASL PLAIN failed/);
    } finally {
      await server.close();
    }
  });
});
