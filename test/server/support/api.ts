import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { GroupView, Kdf, LoginAnswer, MemberView, MessageView, RegisterBody } from '../../../common/api';

export const b64 = (bytes: number) => randomBytes(bytes).toString('base64');
export const newMsgId = () => randomBytes(16).toString('hex');
export const newGroupId = () => randomUUID();
/** The server only stores these bytes, so random ones stand in for real sealed keys and blobs. */
export const sealedKey = () => b64(150);
export const blob = (bytes = 200) => b64(bytes);

let counter = 0;
export function uniqueName(prefix = 'u'): string {
  counter += 1;
  return `${prefix}${counter}-${randomBytes(3).toString('hex')}`;
}

export function kdf(): Kdf {
  return { algorithm: 'argon2id', version: 19, memoryKiB: 65536, iterations: 3, parallelism: 4, saltB64: b64(16) };
}

export function registerBody(username: string): RegisterBody {
  return {
    username, kdf: kdf(), authKeyB64: b64(32), encryptionPublicKeyB64: b64(32), signingPublicKeyB64: b64(32), keyVaultB64: b64(120),
  };
}

export interface Session {
  username: string;
  token: string;
  refreshToken: string;
  authKeyB64: string;
  registered: RegisterBody;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What `call` gives back: the status, the parsed JSON (undefined for no body or a body that is not JSON), the headers and the raw body. */
export interface Answer<T = unknown> {
  status: number;
  json: T;
  headers: LightMyRequestResponse['headers'];
  body: string;
}

/**
 * One request through app.inject, JSON in and out. `T` is the answer the caller expects, from
 * common/api (LoginAnswer, GroupView, HistoryPage, ...); nothing checks it, so name it only for a
 * status the route documents with that shape, and leave it `unknown` for errors (see `errorCode`).
 */
export async function call<T = unknown>(
  app: FastifyInstance, method: Method, url: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response: LightMyRequestResponse = await app.inject({
    method, url, headers, ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
  let json: unknown;
  try {
    json = response.body ? JSON.parse(response.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, json: json as T, headers: response.headers, body: response.body };
}

export async function signUp(app: FastifyInstance, username = uniqueName()): Promise<Session> {
  const registered = registerBody(username);
  const reg = await call(app, 'POST', '/api/auth/register', { body: registered });
  if (reg.status !== 201) throw new Error(`register answered ${reg.status}: ${reg.body}`);
  const login = await call<LoginAnswer>(app, 'POST', '/api/auth/login', { body: { username, authKeyB64: registered.authKeyB64 } });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.body}`);
  const answer = login.json;
  return { username, token: answer.accessToken, refreshToken: answer.refreshToken, authKeyB64: registered.authKeyB64, registered };
}

export async function createGroup(app: FastifyInstance, owner: Session, name = 'team'): Promise<GroupView> {
  const res = await call<GroupView>(app, 'POST', '/api/groups/create', { token: owner.token, body: { id: newGroupId(), name, encryptedGroupKeyB64: sealedKey() } });
  if (res.status !== 201) throw new Error(`create group answered ${res.status}: ${res.body}`);
  return res.json;
}

export async function addMember(app: FastifyInstance, admin: Session, groupId: string, username: string, generation = 1): Promise<MemberView> {
  const res = await call<MemberView>(app, 'POST', `/api/groups/${groupId}/members`, {
    token: admin.token, body: { username, keys: [{ generation, encryptedGroupKeyB64: sealedKey() }] },
  });
  if (res.status !== 201) throw new Error(`add member answered ${res.status}: ${res.body}`);
  return res.json;
}

/** Posts one message: a MessageView on 200/201, an ApiError otherwise, so `T` is `unknown` unless named. */
export async function post<T = unknown>(
  app: FastifyInstance, sender: Session, groupId: string, generation = 1, extra: Record<string, unknown> = {},
): Promise<Answer<T>> {
  return call<T>(app, 'POST', `/api/groups/${groupId}/messages`, {
    token: sender.token, body: { msgId: newMsgId(), generation, encryptedBlobB64: blob(), ...extra },
  });
}

export async function send(app: FastifyInstance, sender: Session, groupId: string, generation = 1): Promise<MessageView> {
  const res = await post<MessageView>(app, sender, groupId, generation);
  if (res.status !== 201) throw new Error(`send answered ${res.status}: ${res.body}`);
  return res.json;
}

/** Asserts the JSON error shape and returns its code. */
export function errorCode(res: { status: number; json: unknown }): string {
  const json = res.json as { error?: unknown; message?: unknown } | null | undefined;
  if (typeof json?.error !== 'string' || typeof json.message !== 'string') {
    throw new Error(`not a JSON error: ${res.status} ${JSON.stringify(res.json)}`);
  }
  if (Object.keys(json).length !== 2) throw new Error(`error has extra fields: ${JSON.stringify(res.json)}`);
  return json.error;
}
