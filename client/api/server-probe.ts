// "Does a TeamChat server answer at this address?", asked before any other sign-up or sign-in
// question, so a mistyped address is caught while the user is still on it. The answer is in a
// person's words; it never repeats anything the server sent back beyond whether it is TeamChat.
import { API_PATHS, HealthAnswer } from '../../common/api';
import { ProtocolError } from '../errors';
import { checkAnswer } from './answer-check';
import { InvalidServerUrlError, normalizeServerUrl } from './server-url';

export type ServerProbe = { ok: true; url: string } | { ok: false; problem: string };

const PROBE_TIMEOUT_MS = 8_000;

export async function probeServer(address: string, fetchImpl: typeof fetch = fetch): Promise<ServerProbe> {
  let url: string;
  try {
    url = normalizeServerUrl(address.trim());
  } catch (error) {
    if (error instanceof InvalidServerUrlError) return { ok: false, problem: 'That is not a server address: use e.g. https://chat.example.com (plain http only for localhost).' };
    throw error;
  }
  const host = new URL(url).host;
  let response: Response;
  try {
    response = await fetchImpl(`${url}${API_PATHS.health}`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), redirect: 'error' });
  } catch (error) {
    return { ok: false, problem: `Nothing answers at ${host}: ${networkReason(error)}. Check the address, or ask whoever runs your team's server.` };
  }
  if (response.status === 503) return { ok: false, problem: `The TeamChat server at ${host} is up but its database is not; try again in a minute.` };
  const notTeamChat: ServerProbe = { ok: false, problem: `Something answers at ${host}, but it is not a TeamChat server.` };
  if (!response.ok) return notTeamChat;
  try {
    checkAnswer(HealthAnswer, await response.json(), 'the health check');
  } catch (error) {
    if (error instanceof ProtocolError || error instanceof SyntaxError) return notTeamChat;
    throw error;
  }
  return { ok: true, url };
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  const code = cause?.code ?? (error as { name?: string } | undefined)?.name;
  switch (code) {
    case 'ECONNREFUSED': return 'the connection was refused';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'no such host';
    case 'TimeoutError': case 'ETIMEDOUT': case 'UND_ERR_CONNECT_TIMEOUT': return 'it did not answer in time';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT': case 'SELF_SIGNED_CERT_IN_CHAIN': case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE': case 'CERT_HAS_EXPIRED': case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'its certificate is not trusted';
    default: return 'it could not be reached';
  }
}
