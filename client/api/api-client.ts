// The HTTP half of docs/api.md, one method per route a client calls (not /api/health), typed
// by common/api. It knows nothing of keys: bodies arrive already sealed. Tokens come from a
// TokenSource so that a rejected access token is refreshed once and the request retried,
// whoever holds the session.

import type { TSchema } from 'typebox';
import {
  API_PATHS,
  AccountInfoAnswer,
  AccountStatusAnswer,
  AdminUserList,
  ChangePassphraseAnswer,
  CreateInviteAnswer,
  InviteListAnswer,
  ServerInfoAnswer,
  GroupList,
  GroupView,
  LogPage,
  LoginAnswer,
  MemberView,
  MessageView,
  HistoryPage,
  PreloginAnswer,
  PublicUserView,
  RecoveryKeyStatus,
  RecoveryResetAnswer,
  RecoveryVaultAnswer,
  RefreshAnswer,
  RegisterAnswer,
  RemoveMemberAnswer,
  RotateAnswer,
  FileUsageAnswer,
  UploadStatus,
  isApiError,
  type CreateUploadBody,
  type AddMemberBody,
  type ChangePassphraseBody,
  type CreateGroupBody,
  type CreateDirectMessageBody,
  type CreateInviteBody,
  type InviteView,
  type HistoryQuery,
  type PostMessageBody,
  type RecoveryResetBody,
  type SetRecoveryKeyBody,
  type RegisterBody,
  type RemoveMemberBody,
  type RenameGroupBody,
  type RotateBody,
  type SetTopicBody,
} from '../../common/api';
import { checkAnswer } from './answer-check';
import { byteRequest, REJECTED_TOKEN_CODES, type ByteRequestInit } from './byte-request';
import { NotSignedInError, ProtocolError, ServerError, ServerUnreachableError } from '../errors';

export interface TokenSource {
  /** A current access token (refreshed first if it is about to expire). */
  accessToken(): Promise<string>;
  /** Called when the server rejected `rejected`; answers a fresh token to retry with. */
  refreshAfterRejection(rejected: string): Promise<string>;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface RequestOptions {
  /** What a good answer looks like; without it the answer must be empty (204). */
  answer?: TSchema;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  auth?: boolean;
}

export class ApiClient {
  private tokens: TokenSource | undefined;

  constructor(readonly server: string, private readonly fetchImpl: typeof fetch = fetch) {}

  useTokens(tokens: TokenSource): void {
    this.tokens = tokens;
  }

  // Auth (no token).
  register(body: RegisterBody): Promise<RegisterAnswer> {
    return this.request('POST', API_PATHS.register, { body, auth: false, answer: RegisterAnswer });
  }
  prelogin(username: string): Promise<PreloginAnswer> {
    return this.request('GET', API_PATHS.prelogin, { query: { username }, auth: false, answer: PreloginAnswer });
  }
  login(username: string, authKeyB64: string): Promise<LoginAnswer> {
    return this.request('POST', API_PATHS.login, { body: { username, authKeyB64 }, auth: false, answer: LoginAnswer });
  }
  refresh(refreshToken: string): Promise<RefreshAnswer> {
    return this.request('POST', API_PATHS.refresh, { body: { refreshToken }, auth: false, answer: RefreshAnswer });
  }
  logout(refreshToken: string): Promise<void> {
    return this.request('POST', API_PATHS.logout, { body: { refreshToken }, auth: false });
  }

  changePassphrase(body: ChangePassphraseBody): Promise<ChangePassphraseAnswer> {
    return this.request('PUT', API_PATHS.passphrase, { body, answer: ChangePassphraseAnswer });
  }
  recoveryKeyStatus(): Promise<RecoveryKeyStatus> {
    return this.request('GET', API_PATHS.recovery, { answer: RecoveryKeyStatus });
  }
  setRecoveryKey(body: SetRecoveryKeyBody): Promise<void> {
    return this.request('PUT', API_PATHS.recovery, { body });
  }
  removeRecoveryKey(currentAuthKeyB64: string): Promise<void> {
    return this.request('DELETE', API_PATHS.recovery, { body: { currentAuthKeyB64 } });
  }
  recoveryVault(username: string, recoveryAuthKeyB64: string): Promise<RecoveryVaultAnswer> {
    return this.request('POST', API_PATHS.recoveryVault, { body: { username, recoveryAuthKeyB64 }, auth: false, answer: RecoveryVaultAnswer });
  }
  recoveryReset(body: RecoveryResetBody): Promise<RecoveryResetAnswer> {
    return this.request('POST', API_PATHS.recoveryReset, { body, auth: false, answer: RecoveryResetAnswer });
  }

  // Who may join (docs/api.md "Server and accounts").
  serverInfo(): Promise<ServerInfoAnswer> {
    return this.request('GET', API_PATHS.serverInfo, { auth: false, answer: ServerInfoAnswer });
  }
  account(): Promise<AccountInfoAnswer> {
    return this.request('GET', API_PATHS.account, { answer: AccountInfoAnswer });
  }
  createInvite(body: CreateInviteBody): Promise<CreateInviteAnswer> {
    return this.request('POST', API_PATHS.invites, { body, answer: CreateInviteAnswer });
  }
  async invites(): Promise<InviteView[]> {
    return (await this.request<InviteListAnswer>('GET', API_PATHS.invites, { answer: InviteListAnswer })).invites;
  }
  revokeInvite(id: string): Promise<void> {
    return this.request('DELETE', API_PATHS.invite(id));
  }
  setServerAdmin(username: string, serverAdmin: boolean): Promise<AccountInfoAnswer> {
    return this.request(serverAdmin ? 'POST' : 'DELETE', API_PATHS.serverAdmin(username), { answer: AccountInfoAnswer });
  }

  // Users.
  /** The keys the server gives for `username`; an answer for anyone else is refused. */
  async user(username: string): Promise<PublicUserView> {
    const user = await this.request<PublicUserView>('GET', API_PATHS.user(username), { answer: PublicUserView });
    if (user.username !== username) {
      throw new ProtocolError(`The server answered a lookup of ${username} with the keys of ${user.username}; they were not used.`);
    }
    return user;
  }

  // Groups.
  createGroup(body: CreateGroupBody): Promise<GroupView> {
    return this.request('POST', API_PATHS.createGroup, { body, answer: GroupView });
  }
  /** The pair's live direct message (200), or the new one (201). */
  openDirectMessage(body: CreateDirectMessageBody): Promise<GroupView> {
    return this.request('POST', API_PATHS.directMessage, { body, answer: GroupView });
  }
  async groups(): Promise<GroupView[]> {
    return (await this.request<GroupList>('GET', API_PATHS.groups, { answer: GroupList })).groups;
  }
  async group(id: string): Promise<GroupView> {
    const group = await this.request<GroupView>('GET', API_PATHS.group(id), { answer: GroupView });
    if (group.id !== id) throw new ProtocolError(`The server answered for group ${group.id} when asked for ${id}; it was not used.`);
    return group;
  }
  deleteGroup(id: string, links?: string[]): Promise<void> {
    return this.request('DELETE', API_PATHS.group(id), { body: links ? { links } : {} });
  }
  log(id: string, after = 0): Promise<LogPage> {
    return this.request('GET', API_PATHS.log(id), { query: { after }, answer: LogPage });
  }
  startLog(id: string, links: string[]): Promise<GroupView> {
    return this.request('POST', API_PATHS.log(id), { body: { links }, answer: GroupView });
  }
  addMember(id: string, body: AddMemberBody): Promise<MemberView> {
    return this.request('POST', API_PATHS.members(id), { body, answer: MemberView });
  }
  removeMember(id: string, username: string, body: RemoveMemberBody = {}): Promise<RemoveMemberAnswer> {
    return this.request('DELETE', API_PATHS.member(id, username), { body, answer: RemoveMemberAnswer });
  }
  rotate(id: string, body: RotateBody): Promise<RotateAnswer> {
    return this.request('POST', API_PATHS.rotate(id), { body, answer: RotateAnswer });
  }
  promote(id: string, username: string, links?: string[]): Promise<MemberView> {
    return this.request('POST', API_PATHS.admin(id, username), { body: links ? { links } : {}, answer: MemberView });
  }
  demote(id: string, username: string, links?: string[]): Promise<MemberView> {
    return this.request('DELETE', API_PATHS.admin(id, username), { body: links ? { links } : {}, answer: MemberView });
  }
  renameGroup(id: string, body: RenameGroupBody): Promise<GroupView> {
    return this.request('PUT', API_PATHS.groupName(id), { body, answer: GroupView });
  }
  setTopic(id: string, body: SetTopicBody): Promise<GroupView> {
    return this.request('PUT', API_PATHS.topic(id), { body, answer: GroupView });
  }
  /** `share: false` (read receipts off): the other members do not see this position. */
  markRead(id: string, seq: number, share = true): Promise<void> {
    return this.request('PUT', API_PATHS.read(id), { body: share ? { seq } : { seq, share } });
  }

  // Accounts (server admin).
  adminUsers(): Promise<AdminUserList> {
    return this.request('GET', API_PATHS.adminUsers, { answer: AdminUserList });
  }
  deactivateUser(username: string): Promise<AccountStatusAnswer> {
    return this.request('POST', API_PATHS.adminDeactivate(username), { answer: AccountStatusAnswer });
  }
  reactivateUser(username: string): Promise<AccountStatusAnswer> {
    return this.request('POST', API_PATHS.adminReactivate(username), { answer: AccountStatusAnswer });
  }
  deleteUser(username: string): Promise<AccountStatusAnswer> {
    return this.request('DELETE', API_PATHS.adminUser(username), { answer: AccountStatusAnswer });
  }

  // Messages.
  postMessage(id: string, body: PostMessageBody): Promise<MessageView> {
    return this.request('POST', API_PATHS.messages(id), { body, answer: MessageView });
  }
  history(id: string, query: HistoryQuery = {}): Promise<HistoryPage> {
    return this.request('GET', API_PATHS.messages(id), { query: { ...query }, answer: HistoryPage });
  }

  // Files (docs/files.md); chunks travel as bytes through raw().
  createUpload(id: string, body: CreateUploadBody): Promise<UploadStatus> {
    return this.request('POST', API_PATHS.uploads(id), { body, answer: UploadStatus });
  }
  uploadStatus(id: string, fileId: string): Promise<UploadStatus> {
    return this.request('GET', API_PATHS.upload(id, fileId), { answer: UploadStatus });
  }
  completeUpload(id: string, fileId: string): Promise<UploadStatus> {
    return this.request('POST', API_PATHS.uploadComplete(id, fileId), { answer: UploadStatus });
  }
  dropUpload(id: string, fileId: string): Promise<void> {
    return this.request('DELETE', API_PATHS.upload(id, fileId));
  }
  fileUsage(): Promise<FileUsageAnswer> {
    return this.request('GET', API_PATHS.fileUsage, { answer: FileUsageAnswer });
  }
  async putChunk(id: string, fileId: string, idx: number, sealed: Uint8Array, signal?: AbortSignal): Promise<void> {
    const response = await this.raw('PUT', API_PATHS.uploadChunk(id, fileId, idx), { body: sealed, signal });
    await response.body?.cancel();
  }
  /** The framed chunks of a file from chunk `from` on, as a stream to read (the caller checks every byte). */
  fileContent(id: string, fileId: string, from: number, signal?: AbortSignal): Promise<Response> {
    return this.raw('GET', API_PATHS.fileContent(id, fileId), { query: { from }, signal });
  }

  private raw(method: Method, path: string, init: ByteRequestInit): Promise<Response> {
    return byteRequest(this.fetchImpl, this.server, this.tokenSource(), method, path, init);
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
      if (response.ok && !options.answer) return undefined as T;
      if (response.ok) throw new ProtocolError(`The server answered ${method} ${path} with nothing where an answer was due.`);
      throw new ServerError(response.status, 'http_error', `The server answered ${response.status} without an explanation.`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ProtocolError(`The server at ${this.server} answered ${response.status} with something that is not JSON; is it a TeamChat server?`);
    }
    if (response.ok) return (options.answer ? checkAnswer(options.answer, json, `${method} ${path}`) : json) as T;
    if (isApiError(json)) throw new ServerError(response.status, json.error, json.message);
    throw new ServerError(response.status, 'http_error', `The server answered ${response.status}.`);
  }
}
