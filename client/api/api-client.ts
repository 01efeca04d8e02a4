// The HTTP half of docs/api.md, one method per route, typed by common/api. It knows nothing
// of keys: bodies arrive already sealed. Tokens come from a TokenSource so that a rejected
// access token is refreshed once and the request retried, whoever holds the session.

import {
  API_PATHS,
  isApiError,
  type AddMemberBody,
  type CreateGroupBody,
  type GroupList,
  type GroupView,
  type HealthAnswer,
  type HistoryPage,
  type HistoryQuery,
  type LoginAnswer,
  type MemberView,
  type MessageView,
  type PostMessageBody,
  type PreloginAnswer,
  type PublicUserView,
  type RefreshAnswer,
  type RegisterBody,
  type RemoveMemberAnswer,
  type RemoveMemberBody,
  type RotateAnswer,
  type RotateBody,
} from '../../common/api';
import { NotSignedInError, ProtocolError, ServerError, ServerUnreachableError } from '../errors';

export interface TokenSource {
  /** A current access token (refreshed first if it is about to expire). */
  accessToken(): Promise<string>;
  /** Called when the server rejected `rejected`; answers a fresh token to retry with. */
  refreshAfterRejection(rejected: string): Promise<string>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  auth?: boolean;
}

const REJECTED_TOKEN_CODES = new Set(['token_expired', 'unauthorized']);

export class ApiClient {
  private tokens: TokenSource | undefined;

  constructor(readonly server: string, private readonly fetchImpl: typeof fetch = fetch) {}

  useTokens(tokens: TokenSource): void {
    this.tokens = tokens;
  }

  // Auth (no token).
  health(): Promise<HealthAnswer> {
    return this.request('GET', API_PATHS.health, { auth: false });
  }
  register(body: RegisterBody): Promise<{ username: string }> {
    return this.request('POST', API_PATHS.register, { body, auth: false });
  }
  prelogin(username: string): Promise<PreloginAnswer> {
    return this.request('GET', API_PATHS.prelogin, { query: { username }, auth: false });
  }
  login(username: string, authKeyB64: string): Promise<LoginAnswer> {
    return this.request('POST', API_PATHS.login, { body: { username, authKeyB64 }, auth: false });
  }
  refresh(refreshToken: string): Promise<RefreshAnswer> {
    return this.request('POST', API_PATHS.refresh, { body: { refreshToken }, auth: false });
  }
  logout(refreshToken: string): Promise<void> {
    return this.request('POST', API_PATHS.logout, { body: { refreshToken }, auth: false });
  }

  // Users.
  user(username: string): Promise<PublicUserView> {
    return this.request('GET', API_PATHS.user(username));
  }

  // Groups.
  createGroup(body: CreateGroupBody): Promise<GroupView> {
    return this.request('POST', API_PATHS.createGroup, { body });
  }
  async groups(): Promise<GroupView[]> {
    return (await this.request<GroupList>('GET', API_PATHS.groups)).groups;
  }
  group(id: string): Promise<GroupView> {
    return this.request('GET', API_PATHS.group(id));
  }
  deleteGroup(id: string): Promise<void> {
    return this.request('DELETE', API_PATHS.group(id));
  }
  addMember(id: string, body: AddMemberBody): Promise<MemberView> {
    return this.request('POST', API_PATHS.members(id), { body });
  }
  removeMember(id: string, username: string, body: RemoveMemberBody = {}): Promise<RemoveMemberAnswer> {
    return this.request('DELETE', API_PATHS.member(id, username), { body });
  }
  rotate(id: string, body: RotateBody): Promise<RotateAnswer> {
    return this.request('POST', API_PATHS.rotate(id), { body });
  }
  promote(id: string, username: string): Promise<MemberView> {
    return this.request('POST', API_PATHS.admin(id, username));
  }
  demote(id: string, username: string): Promise<MemberView> {
    return this.request('DELETE', API_PATHS.admin(id, username));
  }
  markRead(id: string, seq: number): Promise<void> {
    return this.request('PUT', API_PATHS.read(id), { body: { seq } });
  }

  // Messages.
  postMessage(id: string, body: PostMessageBody): Promise<MessageView> {
    return this.request('POST', API_PATHS.messages(id), { body });
  }
  history(id: string, query: HistoryQuery = {}): Promise<HistoryPage> {
    return this.request('GET', API_PATHS.messages(id), { query: { ...query } });
  }

  private async request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const auth = options.auth ?? true;
    if (!auth) return this.send<T>(method, path, options, undefined);
    const tokens = this.tokenSource();
    const token = await tokens.accessToken();
    try {
      return await this.send<T>(method, path, options, token);
    } catch (error) {
      if (!(error instanceof ServerError) || error.status !== 401 || !REJECTED_TOKEN_CODES.has(error.code)) throw error;
      return this.send<T>(method, path, options, await tokens.refreshAfterRejection(token));
    }
  }

  private tokenSource(): TokenSource {
    if (!this.tokens) throw new NotSignedInError();
    return this.tokens;
  }

  private async send<T>(method: Method, path: string, options: RequestOptions, token: string | undefined): Promise<T> {
    const url = new URL(this.server + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.body !== undefined && method !== 'GET') {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await this.fetchImpl(url, { method, headers, body });
    } catch (cause) {
      throw new ServerUnreachableError(this.server, { cause });
    }
    const text = await response.text().catch((cause: unknown) => {
      throw new ServerUnreachableError(this.server, { cause });
    });
    if (response.status === 204 || text.length === 0) {
      if (response.ok) return undefined as T;
      throw new ServerError(response.status, 'http_error', `The server answered ${response.status} without an explanation.`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ProtocolError(`The server at ${this.server} answered ${response.status} with something that is not JSON; is it a TeamChat server?`);
    }
    if (response.ok) return json as T;
    if (isApiError(json)) throw new ServerError(response.status, json.error, json.message);
    throw new ServerError(response.status, 'http_error', `The server answered ${response.status}.`);
  }
}
