import { deriveAccountKeys, newKdfParams } from '../../common/crypto';
import { MemorySecretStore, TeamChatClient } from '../../client';
import type { BenchGroup } from '../support/api';
import { Argon2Counter } from '../support/argon2-counter';
import { fmt, type SectionResult } from '../support/report';
import { median, round } from '../support/stats';

export interface SigninSetup {
  baseUrl: string;
  username: string;
  passphrase: string;
  /** A group the user is a member of, to send and read in. */
  group: BenchGroup;
}

const DERIVATIONS = 3;
const MESSAGES = 100;

/**
 * What a sign-in costs (Argon2id t=3, 64 MiB, p=4, on the client), and proof that it is paid
 * once per sign-in: derivations are counted while a real client signs in with the
 * passphrase, sends 100 messages, reads them back and reconnects its event stream.
 */
export async function benchSignin(s: SigninSetup): Promise<SectionResult> {
  const times: number[] = [];
  for (let i = 0; i < DERIVATIONS; i++) {
    const t0 = performance.now();
    await deriveAccountKeys(s.passphrase, newKdfParams());
    times.push(performance.now() - t0);
  }
  const argon2Ms = median(times);

  const counter = new Argon2Counter();
  let afterSignIn: number;
  let afterMessages: number;
  let signInMs: number;
  let read: number;
  try {
    const t0 = performance.now();
    const client = await TeamChatClient.signIn(s.baseUrl, s.username, s.passphrase, new MemorySecretStore());
    signInMs = performance.now() - t0;
    afterSignIn = counter.count;
    try {
      await client.connect();
      for (let i = 0; i < MESSAGES; i++) await client.sendText(s.group.id, `signin check ${i}`);
      const shown = await client.history(s.group.id, { limit: MESSAGES });
      read = shown.filter((m) => m.status === 'ok').length;
      await client.disconnect();
      await client.connect();
      afterMessages = counter.count;
    } finally {
      await client.disconnect();
    }
  } finally {
    counter.restore();
  }
  const once = afterSignIn === 1 && afterMessages === 1;
  return {
    figures: {
      signin: {
        argon2id_ms: round(argon2Ms), sign_in_ms: round(signInMs), argon2id_params: 't=3, m=64 MiB, p=4',
        derivations_after_sign_in: afterSignIn, derivations_after_100_sends_and_reads: afterMessages,
        messages_sent: MESSAGES, messages_read_ok: read, paid_once_per_sign_in: once,
      },
    },
    rows: [
      {
        figure: 'Sign-in: Argon2id (t=3, 64 MiB, p=4) on the client', teamchat: fmt.ms(argon2Ms),
        ceiling: `whole sign-in ${fmt.ms(signInMs)}`, ratio: '', goal: '',
      },
      {
        figure: `Sign-in: derivations for 1 sign-in + ${MESSAGES} sends + ${MESSAGES} reads + reconnect`, teamchat: String(afterMessages),
        ceiling: `${afterSignIn} after sign-in`, ratio: '', goal: `1${once ? ' ✅' : ' ❌'}`,
      },
    ],
  };
}
