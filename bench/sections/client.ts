import { createDecipheriv } from 'node:crypto';
import type { MessageView } from '../../common/api';
import { loginWithKeys, MemorySecretStore, TeamChatClient, type SignedInAccount } from '../../client';
import { ApiClient } from '../../client/api/api-client';
import { GroupKeyRing } from '../../client/keys/group-key-ring';
import { decodeMessage, decodeMessages, type DecodeKeys } from '../../client/messages/message-decoder';
import { Session } from '../../client/session/session';
import { PinStore } from '../../client/trust/pin-store';
import { UserDirectory } from '../../client/trust/user-directory';
import type { BenchGroup } from '../support/api';
import { fmt, type SectionResult } from '../support/report';
import { ratio, round } from '../support/stats';

export interface ClientSetup {
  baseUrl: string;
  /** A member of `group`, signed in once with a real passphrase. */
  account: SignedInAccount;
  group: BenchGroup;
  messageCount: number;
}

const FIRST_SCREEN = 50;
const PAGE_MAX = 200;

/** A fresh client for the same account, without paying Argon2id again (that is the signin section). */
async function freshClient(s: ClientSetup): Promise<TeamChatClient> {
  const { username, kdf, authKey, kek } = s.account;
  const account = await loginWithKeys(new ApiClient(s.baseUrl), username, kdf, authKey, kek);
  const client = await TeamChatClient.start(s.baseUrl, account, new MemorySecretStore());
  await client.refreshGroups();
  return client;
}

/** The pieces the client decodes with, built from the same account, with fresh caches. */
async function decoderKit(s: ClientSetup): Promise<{ api: ApiClient; keys: DecodeKeys }> {
  const { username, kdf, authKey, kek } = s.account;
  const account = await loginWithKeys(new ApiClient(s.baseUrl), username, kdf, authKey, kek);
  const api = new ApiClient(s.baseUrl);
  const store = new MemorySecretStore();
  api.useTokens(new Session(api, store, account.session, account.authKey));
  const me = { username, identity: account.identity };
  const users = new UserDirectory(api, new PinStore(store, s.baseUrl), me);
  const ring = new GroupKeyRing(me, { sealerKey: async (_groupId, _generation, sealer) => (await users.verificationKeysOf(sealer)).signingPublicKey });
  const group = await api.group(s.group.id);
  return { api, keys: { groupKey: (g) => ring.keyFor(group, g), senderKeys: (u) => users.verificationKeysOf(u) } };
}

async function allViews(api: ApiClient, groupId: string): Promise<MessageView[]> {
  const views: MessageView[] = [];
  for (let after = 0; ;) {
    const page = await api.history(groupId, { after, limit: PAGE_MAX });
    views.push(...page.messages);
    if (!page.hasMore || page.messages.length === 0) return views;
    after = page.messages[page.messages.length - 1]!.seq;
  }
}

/** The ceiling: AES-256-GCM opening of the same blobs, no signature check, no envelope parsing. */
function rawAesGcm(views: readonly MessageView[], groupId: string, key: Uint8Array): number {
  const started = performance.now();
  let opened = 0;
  for (const view of views) {
    const blob = Buffer.from(view.encryptedBlobB64, 'base64');
    const aad = Buffer.from(`teamchat/v1/msg|${groupId}|${view.generation}|${view.sender}|${view.msgId}`);
    const sealedEnd = blob.length - 64;
    const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(1, 13));
    decipher.setAAD(aad);
    decipher.setAuthTag(blob.subarray(sealedEnd - 16, sealedEnd));
    decipher.update(blob.subarray(13, sealedEnd - 16));
    decipher.final();
    opened += 1;
  }
  if (opened !== views.length) throw new Error('raw AES-GCM opened fewer messages than fetched');
  return performance.now() - started;
}

function assertAllOk(messages: readonly { status: string }[], expected: number, what: string): void {
  const ok = messages.filter((m) => m.status === 'ok').length;
  if (ok !== expected) throw new Error(`${what}: ${ok} of ${expected} messages decrypted and verified.`);
}

export async function benchClient(s: ClientSetup): Promise<SectionResult> {
  const first = await freshClient(s);
  let firstScreenMs: number;
  try {
    const t0 = performance.now();
    const shown = await first.history(s.group.id, { limit: FIRST_SCREEN });
    firstScreenMs = performance.now() - t0;
    assertAllOk(shown, FIRST_SCREEN, 'first screen');
  } finally {
    await first.disconnect();
  }

  const all = await freshClient(s);
  let openAllMs: number;
  try {
    const t0 = performance.now();
    const shown = await all.history(s.group.id, { limit: s.messageCount });
    openAllMs = performance.now() - t0;
    assertAllOk(shown, s.messageCount, 'whole history');
  } finally {
    await all.disconnect();
  }

  // The crypto alone, through the client's decoder, on blobs already fetched: the figure the
  // raw AES-GCM ceiling is comparable with.
  const { api, keys } = await decoderKit(s);
  const views = await allViews(api, s.group.id);
  if (views.length !== s.messageCount) throw new Error(`fetched ${views.length} of ${s.messageCount} messages`);
  // Warm: keys fetched and opened, worker threads started, JIT done; then timed.
  await decodeMessages(s.group.id, views.slice(0, 1000), keys);
  const groupKey = await keys.groupKey(s.group.generation);
  rawAesGcm(views.slice(0, 1000), s.group.id, groupKey);
  const rawMs = rawAesGcm(views, s.group.id, groupKey);
  const t0 = performance.now();
  const decoded = await decodeMessages(s.group.id, views, keys);
  const decryptMs = performance.now() - t0;
  assertAllOk(decoded, s.messageCount, 'decrypt all');
  const t1 = performance.now();
  for (const view of views) await decodeMessage(s.group.id, view, keys);
  const serialMs = performance.now() - t1;

  const n = s.messageCount.toLocaleString('en-US');
  return {
    figures: {
      history: {
        first_screen_ms: round(firstScreenMs), decrypt_10k_ms: round(decryptMs), open_all_ms: round(openAllMs),
        decrypt_serial_ms: round(serialMs), raw_aes_gcm_ms: round(rawMs), decrypt_ratio_vs_raw_aes_gcm: ratio(decryptMs, rawMs),
        messages_decrypted: s.messageCount,
      },
    },
    rows: [
      {
        figure: `Client: open a group of ${n}, first screen (newest ${FIRST_SCREEN}, fetched, decrypted, verified)`, teamchat: fmt.ms(firstScreenMs),
        ceiling: '', ratio: '', goal: '',
      },
      {
        figure: `Client: decrypt + verify all ${n} (worker threads)`, teamchat: fmt.ms(decryptMs),
        ceiling: `raw AES-GCM, no verify ${fmt.ms(rawMs)}`, ratio: fmt.ratio(ratio(decryptMs, rawMs)), goal: '< 1 s' + (decryptMs < 1000 ? ' ✅' : ' ❌'),
      },
      {
        figure: `Client: decrypt + verify all ${n}, one thread`, teamchat: fmt.ms(serialMs),
        ceiling: `raw AES-GCM ${fmt.ms(rawMs)}`, ratio: fmt.ratio(ratio(serialMs, rawMs)), goal: '',
      },
      {
        figure: `Client: open all ${n} (fetch pages of ${PAGE_MAX} + decrypt + verify)`, teamchat: fmt.ms(openAllMs),
        ceiling: '', ratio: '', goal: '',
      },
    ],
  };
}
