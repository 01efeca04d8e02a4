import net from 'node:net';
import { inLanes } from '../support/api';
import { withTimeout } from './xmpp-room';

const STREAM_NS = "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'";

/**
 * A minimal XMPP client that signs in and stays signed in: stream, SASL PLAIN, stream restart,
 * resource bind, initial presence; then it holds the socket and discards what arrives. For
 * holding thousands of c2s sessions: @xmpp/client per session would cost the bench process
 * far more CPU and memory (its parser, middleware and reconnect logic), on the same 2 cores as
 * the server being measured, and none of it changes what the server holds per session.
 */
function signIn(port: number, host: string, username: string, password: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    let step: 'features' | 'auth' | 'features2' | 'bind' | 'done' = 'features';
    const header = `<?xml version='1.0'?><stream:stream to='${host}' ${STREAM_NS}>`;
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`${username}: ${why}; the server said: ${text.slice(-300)}`));
    };
    socket.on('error', (error) => fail(error.message));
    socket.on('close', () => {
      if (step !== 'done') fail('the server closed the stream');
    });
    socket.on('connect', () => socket.write(header));
    socket.on('data', (chunk: Buffer) => {
      if (step === 'done') return;
      text += chunk.toString();
      if (text.length > 64_000) return fail('answer too long');
      if (step === 'features' && text.includes('</stream:features>')) {
        step = 'auth';
        text = '';
        const plain = Buffer.from(`\0${username}\0${password}`).toString('base64');
        socket.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${plain}</auth>`);
      } else if (step === 'auth' && text.includes('<success')) {
        step = 'features2';
        text = '';
        socket.write(header);
      } else if (step === 'auth' && text.includes('<failure')) {
        fail('SASL PLAIN failed');
      } else if (step === 'features2' && text.includes('</stream:features>')) {
        step = 'bind';
        text = '';
        socket.write("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>bench</resource></bind></iq>");
      } else if (step === 'bind' && text.includes('</iq>')) {
        if (!text.includes("type='result'")) return fail('resource bind failed');
        step = 'done';
        text = '';
        socket.write('<presence/>');
        resolve(socket);
      }
    });
  });
}

export interface SignedIn {
  count: number;
  close(): void;
}

/** Signs in bench0..bench{count-1} and keeps every session open until close(). */
export async function signInMany(port: number, host: string, password: string, count: number, width = 32): Promise<SignedIn> {
  const sockets: net.Socket[] = [];
  try {
    await inLanes(Array.from({ length: count }, (_, i) => i), width, async (i) => {
      sockets.push(await withTimeout(signIn(port, host, `bench${i}`, password), 30_000, `bench${i} could not sign in within 30 s.`));
    });
  } catch (error) {
    for (const s of sockets) s.destroy();
    throw error;
  }
  return { count: sockets.length, close: () => sockets.forEach((s) => s.destroy()) };
}
