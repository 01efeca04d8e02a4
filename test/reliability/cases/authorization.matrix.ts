// Who may call what: every route against every kind of caller, one expected status per
// cell. The runner builds a fresh group for each cell in which
//   {{admin}} is admin, {{coadmin}} a second admin, {{member}} a plain member,
//   {{removed}} was removed (the group rotated to generation 2), {{outsider}} never joined;
// {{self}} is the caller's own name, {{target}} a registered user outside the group,
// {{freshName}} an unused username.
// For the WebSocket row the "status" is 101 for {"type":"ready"} and 4401 for a refusal.
import type { Method } from '../support/api';

export const CALLERS = ['none', 'expired', 'otherKey', 'algNone', 'outsider', 'member', 'admin', 'removed'] as const;
export type MatrixCaller = (typeof CALLERS)[number];

export interface MatrixRow {
  method: Method | 'WS';
  path: string;
  body?: unknown;
  /** One status per caller, in the order of CALLERS. */
  expect: [number, number, number, number, number, number, number, number];
}

const SEALED = Buffer.alloc(120, 5).toString('base64');
const KEY = Buffer.alloc(32, 4).toString('base64');
const KDF = { algorithm: 'argon2id', version: 19, memoryKiB: 65536, iterations: 3, parallelism: 4, saltB64: Buffer.alloc(16, 3).toString('base64') };
const MADE_UP_REFRESH_TOKEN = Buffer.alloc(32, 9).toString('base64url');
const BLOB = Buffer.alloc(160, 6).toString('base64');

//                                                                                       none expired otherKey algNone outsider member admin removed
export const authorizationMatrix: MatrixRow[] = [
  { method: 'GET', path: '/api/health', expect:                                          [200, 200, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', path: '/api/auth/prelogin?username={{member}}', expect:               [200, 200, 200, 200, 200, 200, 200, 200] },
  // The auth routes take no bearer token: whatever is presented must change nothing.
  { method: 'POST', path: '/api/auth/register', body: { username: '{{freshName}}', kdf: KDF, authKeyB64: KEY, encryptionPublicKeyB64: KEY, signingPublicKeyB64: KEY, keyVaultB64: SEALED },
    expect:                                                                              [201, 201, 201, 201, 201, 201, 201, 201] },
  { method: 'POST', path: '/api/auth/login', body: { username: '{{member}}', authKeyB64: KEY }, expect: [401, 401, 401, 401, 401, 401, 401, 401] },
  { method: 'POST', path: '/api/auth/refresh', body: { refreshToken: MADE_UP_REFRESH_TOKEN }, expect: [401, 401, 401, 401, 401, 401, 401, 401] },
  { method: 'POST', path: '/api/auth/logout', body: { refreshToken: MADE_UP_REFRESH_TOKEN }, expect:  [204, 204, 204, 204, 204, 204, 204, 204] },
  { method: 'GET', path: '/api/users/{{member}}', expect:                                [401, 401, 401, 401, 200, 200, 200, 200] },
  { method: 'GET', path: '/api/groups', expect:                                          [401, 401, 401, 401, 200, 200, 200, 200] },
  { method: 'POST', path: '/api/groups/create', body: { id: '{{freshUuid}}', name: 'matrix', encryptedGroupKeyB64: SEALED, allowSameName: true },
    expect:                                                                              [401, 401, 401, 401, 201, 201, 201, 201] },
  { method: 'GET', path: '/api/groups/{{group}}', expect:                                [401, 401, 401, 401, 404, 200, 200, 404] },
  { method: 'DELETE', path: '/api/groups/{{group}}', expect:                             [401, 401, 401, 401, 404, 403, 204, 404] },
  { method: 'POST', path: '/api/groups/{{group}}/members', body: { username: '{{target}}', keys: [{ generation: 2, encryptedGroupKeyB64: SEALED }] },
    expect:                                                                              [401, 401, 401, 401, 404, 403, 201, 404] },
  { method: 'DELETE', path: '/api/groups/{{group}}/members/{{coadmin}}', expect:         [401, 401, 401, 401, 404, 403, 200, 404] },
  { method: 'DELETE', path: '/api/groups/{{group}}/members/{{self}}', expect:            [401, 401, 401, 401, 404, 200, 200, 404] },
  { method: 'POST', path: '/api/groups/{{group}}/rotate', body: { generation: 3, keys: [
      { username: '{{admin}}', encryptedGroupKeyB64: SEALED }, { username: '{{coadmin}}', encryptedGroupKeyB64: SEALED }, { username: '{{member}}', encryptedGroupKeyB64: SEALED }] },
    expect:                                                                              [401, 401, 401, 401, 404, 200, 200, 404] },
  { method: 'POST', path: '/api/groups/{{group}}/admins/{{member}}', expect:             [401, 401, 401, 401, 404, 403, 200, 404] },
  { method: 'DELETE', path: '/api/groups/{{group}}/admins/{{coadmin}}', expect:          [401, 401, 401, 401, 404, 403, 200, 404] },
  { method: 'PUT', path: '/api/groups/{{group}}/read', body: { seq: 0 }, expect:         [401, 401, 401, 401, 404, 204, 204, 404] },
  { method: 'POST', path: '/api/groups/{{group}}/messages', body: { msgId: '{{freshMsgId}}', generation: 2, encryptedBlobB64: BLOB },
    expect:                                                                              [401, 401, 401, 401, 404, 201, 201, 404] },
  { method: 'GET', path: '/api/groups/{{group}}/messages', expect:                       [401, 401, 401, 401, 404, 200, 200, 404] },
  { method: 'GET', path: '/api/groups/{{group}}/messages?after=0&limit=10', expect:      [401, 401, 401, 401, 404, 200, 200, 404] },
  // Who may join: none of these callers is a server admin, and the server does not let members invite.
  { method: 'GET', path: '/api/server', expect:                                          [200, 200, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', path: '/api/account', expect:                                         [401, 401, 401, 401, 200, 200, 200, 200] },
  { method: 'GET', path: '/api/admin/invites', expect:                                   [401, 401, 401, 401, 403, 403, 403, 403] },
  { method: 'POST', path: '/api/admin/invites', body: {}, expect:                        [401, 401, 401, 401, 403, 403, 403, 403] },
  { method: 'DELETE', path: '/api/admin/invites/{{freshUuid}}', expect:                  [401, 401, 401, 401, 403, 403, 403, 403] },
  { method: 'POST', path: '/api/admin/users/{{member}}/server-admin', expect:            [401, 401, 401, 401, 403, 403, 403, 403] },
  { method: 'DELETE', path: '/api/admin/users/{{self}}/server-admin', expect:            [401, 401, 401, 401, 403, 403, 403, 403] },
  { method: 'WS', path: '/api/events', expect:                                           [4401, 4401, 4401, 4401, 101, 101, 101, 101] },
];
