// Hostile and broken requests, kept as data. Each must get a 4xx JSON {error, message},
// never a 5xx, write no row, and leave the server answering /api/health.
//
// Placeholders filled in by the runner (in paths and in serialised bodies):
//   {{group}}       group where {{admin}} is admin and {{member}} a member, at generation 2
//   {{otherGroup}}  group of {{outsider}} only
//   {{admin}} {{member}} {{outsider}}   usernames
//   {{adminMsgId}} {{memberMsgId}}      msgIds already posted in {{group}} by admin / member
//   {{freshUuid}} {{freshMsgId}}        unused ids, new for every case
import type { Method } from '../support/api';

export type Caller = 'none' | 'admin' | 'member' | 'outsider';

export interface BadInputCase {
  name: string;
  method: Method;
  path: string;
  as: Caller;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Allowed statuses, all 4xx; several only where the contract leaves the choice open. */
  expect: number[];
}

const b64 = (bytes: number, fill = 7) => Buffer.alloc(bytes, fill).toString('base64');
const KEY = b64(32);
const SEALED = b64(120);
const BLOB = b64(200);
const KDF = { algorithm: 'argon2id', version: 19, memoryKiB: 65536, iterations: 3, parallelism: 4, saltB64: b64(16) };

const register = (over: Record<string, unknown> = {}) => ({
  username: 'newcomer', kdf: KDF, authKeyB64: KEY, encryptionPublicKeyB64: KEY, signingPublicKeyB64: KEY, keyVaultB64: b64(180), ...over,
});
const createGroup = (over: Record<string, unknown> = {}) => ({ id: '{{freshUuid}}', name: 'design review', encryptedGroupKeyB64: SEALED, ...over });
const post = (over: Record<string, unknown> = {}) => ({ msgId: '{{freshMsgId}}', generation: 2, encryptedBlobB64: BLOB, ...over });
const addMember = (over: Record<string, unknown> = {}) => ({ username: '{{outsider}}', keys: [{ generation: 2, encryptedGroupKeyB64: SEALED }], ...over });
const rotation = (over: Record<string, unknown> = {}) => ({
  generation: 3,
  keys: [{ username: '{{admin}}', encryptedGroupKeyB64: SEALED }, { username: '{{member}}', encryptedGroupKeyB64: SEALED }],
  ...over,
});
const without = (body: Record<string, unknown>, field: string) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== field));

const MESSAGES = '/api/groups/{{group}}/messages';
const MEMBERS = '/api/groups/{{group}}/members';
const ROTATE = '/api/groups/{{group}}/rotate';

// Routes with a JSON body, each hit with every malformed body below.
const bodyRoutes: { label: string; method: Method; path: string; as: Caller }[] = [
  { label: 'register', method: 'POST', path: '/api/auth/register', as: 'none' },
  { label: 'login', method: 'POST', path: '/api/auth/login', as: 'none' },
  { label: 'refresh', method: 'POST', path: '/api/auth/refresh', as: 'none' },
  { label: 'create group', method: 'POST', path: '/api/groups/create', as: 'member' },
  { label: 'add member', method: 'POST', path: MEMBERS, as: 'admin' },
  { label: 'post message', method: 'POST', path: MESSAGES, as: 'member' },
  { label: 'rotate', method: 'POST', path: ROTATE, as: 'member' },
  { label: 'read cursor', method: 'PUT', path: '/api/groups/{{group}}/read', as: 'member' },
];

const malformed: { label: string; raw: string }[] = [
  { label: 'truncated object', raw: '{"a": ' },
  { label: 'trailing comma', raw: '{"username": "x",}' },
  { label: 'single quotes', raw: "{'username': 'x'}" },
  { label: 'array instead of object', raw: '[]' },
  { label: 'JSON null', raw: 'null' },
  { label: 'bare string', raw: '"hello"' },
  { label: 'empty body', raw: '' },
];

const malformedCases: BadInputCase[] = bodyRoutes.flatMap((route) =>
  malformed.map(({ label, raw }) => ({
    name: `${route.label}: malformed JSON (${label})`,
    method: route.method,
    path: route.path,
    as: route.as,
    rawBody: raw,
    expect: [400],
  })),
);

const wrongTypeValues: { label: string; value: unknown }[] = [
  { label: 'number', value: 12345 },
  { label: 'null', value: null },
  { label: 'array', value: ['x'] },
  { label: 'object', value: { nested: true } },
];
// For a numeric field a number is the right type: a string takes its place.
const wrongForNumber = wrongTypeValues.map((v) => (v.label === 'number' ? { label: 'string', value: 'two' } : v));

const wrongTypeCases: BadInputCase[] = [
  ...['username', 'kdf', 'authKeyB64', 'encryptionPublicKeyB64', 'signingPublicKeyB64', 'keyVaultB64'].flatMap((field) =>
    wrongTypeValues.map(({ label, value }) => ({
      name: `register: ${field} is ${label}`, method: 'POST' as Method, path: '/api/auth/register', as: 'none' as Caller,
      body: register({ [field]: value }), expect: [400],
    })),
  ),
  ...['msgId', 'generation', 'encryptedBlobB64'].flatMap((field) =>
    (field === 'generation' ? wrongForNumber : wrongTypeValues).map(({ label, value }) => ({
      name: `post message: ${field} is ${label}`, method: 'POST' as Method, path: MESSAGES, as: 'member' as Caller,
      body: post({ [field]: value }), expect: [400],
    })),
  ),
  { name: 'post message: generation as numeric string', method: 'POST', path: MESSAGES, as: 'member', body: post({ generation: '2' }), expect: [400] },
  { name: 'post message: generation is 1.5', method: 'POST', path: MESSAGES, as: 'member', body: post({ generation: 1.5 }), expect: [400] },
  { name: 'post message: generation is boolean', method: 'POST', path: MESSAGES, as: 'member', body: post({ generation: true }), expect: [400] },
  { name: 'create group: name is number', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ name: 42 }), expect: [400] },
  { name: 'create group: id is number', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ id: 7 }), expect: [400] },
  { name: 'create group: key is array', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ encryptedGroupKeyB64: [SEALED] }), expect: [400] },
  { name: 'add member: keys is object', method: 'POST', path: MEMBERS, as: 'admin', body: addMember({ keys: { generation: 2 } }), expect: [400] },
  { name: 'add member: key generation is string', method: 'POST', path: MEMBERS, as: 'admin', body: addMember({ keys: [{ generation: 'two', encryptedGroupKeyB64: SEALED }] }), expect: [400] },
  { name: 'rotate: keys is string', method: 'POST', path: ROTATE, as: 'member', body: rotation({ keys: 'all' }), expect: [400] },
  { name: 'rotate: generation is null', method: 'POST', path: ROTATE, as: 'member', body: rotation({ generation: null }), expect: [400] },
  { name: 'read cursor: seq is string', method: 'PUT', path: '/api/groups/{{group}}/read', as: 'member', body: { seq: 'latest' }, expect: [400] },
  { name: 'read cursor: seq is negative', method: 'PUT', path: '/api/groups/{{group}}/read', as: 'member', body: { seq: -1 }, expect: [400] },
  { name: 'login: authKeyB64 is number', method: 'POST', path: '/api/auth/login', as: 'none', body: { username: '{{member}}', authKeyB64: 1 }, expect: [400] },
  { name: 'refresh: token is number', method: 'POST', path: '/api/auth/refresh', as: 'none', body: { refreshToken: 99 }, expect: [400] },
];

const missingFieldCases: BadInputCase[] = [
  ...Object.keys(register()).map((field) => ({
    name: `register: missing ${field}`, method: 'POST' as Method, path: '/api/auth/register', as: 'none' as Caller,
    body: without(register(), field), expect: [400],
  })),
  ...Object.keys(createGroup()).map((field) => ({
    name: `create group: missing ${field}`, method: 'POST' as Method, path: '/api/groups/create', as: 'member' as Caller,
    body: without(createGroup(), field), expect: [400],
  })),
  ...Object.keys(post()).map((field) => ({
    name: `post message: missing ${field}`, method: 'POST' as Method, path: MESSAGES, as: 'member' as Caller,
    body: without(post(), field), expect: [400],
  })),
  ...['username', 'keys'].map((field) => ({
    name: `add member: missing ${field}`, method: 'POST' as Method, path: MEMBERS, as: 'admin' as Caller,
    body: without(addMember(), field), expect: [400],
  })),
  ...['generation', 'keys'].map((field) => ({
    name: `rotate: missing ${field}`, method: 'POST' as Method, path: ROTATE, as: 'member' as Caller,
    body: without(rotation(), field), expect: [400],
  })),
  { name: 'register: kdf missing saltB64', method: 'POST', path: '/api/auth/register', as: 'none', body: register({ kdf: without(KDF, 'saltB64') }), expect: [400] },
  { name: 'login: missing authKeyB64', method: 'POST', path: '/api/auth/login', as: 'none', body: { username: '{{member}}' }, expect: [400] },
  { name: 'refresh: missing refreshToken', method: 'POST', path: '/api/auth/refresh', as: 'none', body: {}, expect: [400] },
  { name: 'read cursor: missing seq', method: 'PUT', path: '/api/groups/{{group}}/read', as: 'member', body: {}, expect: [400] },
];

const unknownFieldCases: BadInputCase[] = [
  { name: 'register: unknown field isAdmin', method: 'POST', path: '/api/auth/register', as: 'none', body: register({ isAdmin: true }), expect: [400] },
  { name: 'register: unknown field serverAdmin', method: 'POST', path: '/api/auth/register', as: 'none', body: register({ serverAdmin: true }), expect: [400] },
  { name: 'register: inviteCode is short', method: 'POST', path: '/api/auth/register', as: 'none', body: register({ inviteCode: 'abc' }), expect: [400] },
  { name: 'register: setupCode without its prefix', method: 'POST', path: '/api/auth/register', as: 'none', body: register({ setupCode: 'A'.repeat(32) }), expect: [400] },
  { name: 'register: kdf with unknown field', method: 'POST', path: '/api/auth/register', as: 'none', body: register({ kdf: { ...KDF, pepper: 'x' } }), expect: [400] },
  { name: 'create group: unknown field createdBy', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ createdBy: '{{admin}}' }), expect: [400] },
  { name: 'create group: unknown field generation', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ generation: 9 }), expect: [400] },
  { name: 'post message: unknown field sender', method: 'POST', path: MESSAGES, as: 'member', body: post({ sender: '{{admin}}' }), expect: [400] },
  { name: 'post message: unknown field seq', method: 'POST', path: MESSAGES, as: 'member', body: post({ seq: 1 }), expect: [400] },
  { name: 'add member: unknown field isAdmin', method: 'POST', path: MEMBERS, as: 'admin', body: addMember({ isAdmin: true }), expect: [400] },
  { name: 'add member: key with unknown sealedBy', method: 'POST', path: MEMBERS, as: 'admin', body: addMember({ keys: [{ generation: 2, encryptedGroupKeyB64: SEALED, sealedBy: '{{outsider}}' }] }), expect: [400] },
  { name: 'rotate: unknown field force', method: 'POST', path: ROTATE, as: 'member', body: rotation({ force: true }), expect: [400] },
  { name: 'login: unknown field otp', method: 'POST', path: '/api/auth/login', as: 'none', body: { username: '{{member}}', authKeyB64: KEY, otp: '000000' }, expect: [400] },
];

const bigBody = JSON.stringify(register({ keyVaultB64: b64(3 * 1024 * 1024) }));
const oversizeCases: BadInputCase[] = [
  { name: 'register: 4 MiB body', method: 'POST', path: '/api/auth/register', as: 'none', rawBody: bigBody, expect: [413] },
  { name: 'post message: 3 MiB body', method: 'POST', path: MESSAGES, as: 'member', body: post({ encryptedBlobB64: b64(3 * 1024 * 1024) }), expect: [413] },
  { name: 'post message: blob 64 KiB + 1', method: 'POST', path: MESSAGES, as: 'member', body: post({ encryptedBlobB64: b64(64 * 1024 + 1) }), expect: [413] },
  { name: 'post message: blob 200 KiB', method: 'POST', path: MESSAGES, as: 'member', body: post({ encryptedBlobB64: b64(200 * 1024) }), expect: [413] },
  { name: 'create group: sealed key 1 MiB', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ encryptedGroupKeyB64: b64(1024 * 1024) }), expect: [400, 413] },
  { name: 'register: public key 1 MiB', method: 'POST', path: '/api/auth/register', as: 'none', body: register({ encryptionPublicKeyB64: b64(1024 * 1024) }), expect: [400, 413] },
  { name: 'add member: 5000 sealed keys', method: 'POST', path: MEMBERS, as: 'admin', body: addMember({ keys: Array.from({ length: 5000 }, (_, i) => ({ generation: i + 1, encryptedGroupKeyB64: SEALED })) }), expect: [400, 409, 413] },
  { name: 'rotate: 5000 member keys', method: 'POST', path: ROTATE, as: 'member', body: rotation({ keys: Array.from({ length: 5000 }, (_, i) => ({ username: `user${i}`, encryptedGroupKeyB64: SEALED })) }), expect: [400, 409, 413] },
  { name: 'login: 2 MiB username', method: 'POST', path: '/api/auth/login', as: 'none', body: { username: 'a'.repeat(2 * 1024 * 1024), authKeyB64: KEY }, expect: [400, 413] },
];

const invalidBase64: { label: string; value: string }[] = [
  { label: 'not base64 at all', value: '!!!not-base64!!!' },
  { label: 'bad length', value: 'abcde' },
  { label: 'embedded spaces', value: 'AAAA AAAA AAAA' },
  { label: 'base64url alphabet', value: '_-_-_-_-' + 'A'.repeat(40) },
  { label: 'empty string', value: '' },
];

const base64Cases: BadInputCase[] = [
  ...invalidBase64.map(({ label, value }) => ({ name: `post message: blob ${label}`, method: 'POST' as Method, path: MESSAGES, as: 'member' as Caller, body: post({ encryptedBlobB64: value }), expect: [400] })),
  ...invalidBase64.map(({ label, value }) => ({ name: `register: authKey ${label}`, method: 'POST' as Method, path: '/api/auth/register', as: 'none' as Caller, body: register({ authKeyB64: value }), expect: [400] })),
  ...invalidBase64.map(({ label, value }) => ({ name: `create group: sealed key ${label}`, method: 'POST' as Method, path: '/api/groups/create', as: 'member' as Caller, body: createGroup({ encryptedGroupKeyB64: value }), expect: [400] })),
  { name: 'register: public key of 31 bytes', method: 'POST', path: '/api/auth/register', as: 'none', body: register({ encryptionPublicKeyB64: b64(31) }), expect: [400] },
  { name: 'register: signing key of 33 bytes', method: 'POST', path: '/api/auth/register', as: 'none', body: register({ signingPublicKeyB64: b64(33) }), expect: [400] },
  { name: 'register: salt not base64', method: 'POST', path: '/api/auth/register', as: 'none', body: register({ kdf: { ...KDF, saltB64: '%%%' } }), expect: [400] },
  { name: 'add member: sealed key invalid base64', method: 'POST', path: MEMBERS, as: 'admin', body: addMember({ keys: [{ generation: 2, encryptedGroupKeyB64: '***' }] }), expect: [400] },
  { name: 'rotate: sealed key invalid base64', method: 'POST', path: ROTATE, as: 'member', body: rotation({ keys: [{ username: '{{admin}}', encryptedGroupKeyB64: '@@' }, { username: '{{member}}', encryptedGroupKeyB64: SEALED }] }), expect: [400] },
  { name: 'login: authKey invalid base64', method: 'POST', path: '/api/auth/login', as: 'none', body: { username: '{{member}}', authKeyB64: '::::' }, expect: [400, 401] },
];

const badUsernames: { label: string; value: string }[] = [
  { label: 'empty', value: '' },
  { label: 'one character', value: 'a' },
  { label: '33 characters', value: 'a'.repeat(33) },
  { label: 'uppercase', value: 'Alice' },
  { label: 'Cyrillic look-alike', value: '\u0430lice' },
  { label: 'right-to-left override', value: 'ali\u202Ece' },
  { label: 'zero-width space', value: 'ali\u200Bce' },
  { label: 'NUL byte', value: 'alice\u0000' },
  { label: 'newline', value: 'alice\nadmin' },
  { label: 'emoji', value: 'alice\u{1F600}' },
  { label: 'leading dot', value: '.alice' },
  { label: 'path traversal', value: '../../etc/passwd' },
  { label: 'SQL quote', value: "alice' OR '1'='1" },
  { label: 'SQL drop', value: 'x; DROP TABLE users;--' },
  { label: 'SQL comment', value: 'admin--' + "'" },
];

const nameCases: BadInputCase[] = [
  ...badUsernames.map(({ label, value }) => ({ name: `register: username ${label}`, method: 'POST' as Method, path: '/api/auth/register', as: 'none' as Caller, body: register({ username: value }), expect: [400] })),
  ...badUsernames.slice(0, 10).map(({ label, value }) => ({ name: `add member: username ${label}`, method: 'POST' as Method, path: MEMBERS, as: 'admin' as Caller, body: addMember({ username: value }), expect: [400, 404] })),
  { name: 'register: lone surrogate in username', method: 'POST', path: '/api/auth/register', as: 'none', rawBody: JSON.stringify(register()).replace('"newcomer"', '"new\\ud800comer"'), expect: [400] },
  { name: 'create group: empty name', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ name: '' }), expect: [400] },
  { name: 'create group: whitespace-only name', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ name: '   \t ' }), expect: [400] },
  { name: 'create group: 100000-character name', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ name: 'x'.repeat(100_000) }), expect: [400, 413] },
  { name: 'create group: NUL in name', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ name: 'team\u0000chat' }), expect: [400] },
  { name: 'create group: lone surrogate in name', method: 'POST', path: '/api/groups/create', as: 'member', rawBody: JSON.stringify(createGroup()).replace('"design review"', '"design\\udc00review"'), expect: [400] },
  { name: 'create group: control characters in name', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ name: 'team\u0007\u001bchat' }), expect: [400] },
  { name: 'create group: right-to-left override only', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ name: '\u202E' }), expect: [400] },
  { name: 'create group: zero-width only', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ name: '\u200B\u200B' }), expect: [400] },
  { name: 'create group: id not a UUID', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ id: 'general' }), expect: [400] },
  { name: 'create group: id SQL-like', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ id: "1'; DELETE FROM groups;--" }), expect: [400] },
  { name: 'create group: id path traversal', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ id: '../../{{group}}' }), expect: [400] },
  { name: 'create group: id already used', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ id: '{{group}}' }), expect: [409] },
  { name: 'create group: id of someone else\u2019s group', method: 'POST', path: '/api/groups/create', as: 'member', body: createGroup({ id: '{{otherGroup}}' }), expect: [409] },
  { name: 'register: username already taken', method: 'POST', path: '/api/auth/register', as: 'none', body: register({ username: '{{member}}' }), expect: [409] },
];

const pathCases: BadInputCase[] = [
  { name: 'users: SQL-like username', method: 'GET', path: "/api/users/x'%20OR%20'1'%3D'1", as: 'member', expect: [400, 404] },
  { name: 'users: encoded traversal', method: 'GET', path: '/api/users/..%2F..%2Fetc%2Fpasswd', as: 'member', expect: [400, 404] },
  { name: 'users: unknown user', method: 'GET', path: '/api/users/nobody-here', as: 'member', expect: [404] },
  { name: 'users: NUL byte', method: 'GET', path: '/api/users/bob%00', as: 'member', expect: [400, 404] },
  { name: 'group: id not a UUID', method: 'GET', path: '/api/groups/general', as: 'member', expect: [400, 404] },
  { name: 'group: encoded traversal to other group', method: 'GET', path: '/api/groups/..%2F{{otherGroup}}', as: 'member', expect: [400, 404] },
  { name: 'group: SQL-like id', method: 'GET', path: "/api/groups/1'%3B%20DROP%20TABLE%20groups%3B--", as: 'member', expect: [400, 404] },
  { name: 'group: UUID with trailing NUL', method: 'GET', path: '/api/groups/{{group}}%00', as: 'member', expect: [400, 404] },
  { name: 'group: another group\u2019s id', method: 'GET', path: '/api/groups/{{otherGroup}}', as: 'member', expect: [404] },
  { name: 'messages: group id not a UUID', method: 'GET', path: '/api/groups/not-a-uuid/messages', as: 'member', expect: [400, 404] },
  { name: 'messages: post into another group', method: 'POST', path: '/api/groups/{{otherGroup}}/messages', as: 'member', body: post(), expect: [404] },
  { name: 'messages: post with traversal id', method: 'POST', path: '/api/groups/%2E%2E%2F{{group}}/messages', as: 'member', body: post(), expect: [400, 404] },
  { name: 'members: remove with traversal username', method: 'DELETE', path: '/api/groups/{{group}}/members/..%2F{{member}}', as: 'admin', expect: [400, 404] },
  { name: 'members: remove a non-member', method: 'DELETE', path: '/api/groups/{{group}}/members/{{outsider}}', as: 'admin', expect: [404] },
  { name: 'admins: promote a non-member', method: 'POST', path: '/api/groups/{{group}}/admins/{{outsider}}', as: 'admin', expect: [404] },
  { name: 'admins: demote the last admin', method: 'DELETE', path: '/api/groups/{{group}}/admins/{{admin}}', as: 'admin', expect: [409] },
  { name: 'group: delete with non-UUID id', method: 'DELETE', path: '/api/groups/%2E%2E', as: 'admin', expect: [400, 404] },
  { name: 'group: delete another group', method: 'DELETE', path: '/api/groups/{{otherGroup}}', as: 'admin', expect: [404] },
];

const messageIdCases: BadInputCase[] = [
  { name: 'post message: msgId of another sender', method: 'POST', path: MESSAGES, as: 'member', body: post({ msgId: '{{adminMsgId}}' }), expect: [409] },
  { name: 'post message: own msgId with another blob', method: 'POST', path: MESSAGES, as: 'member', body: post({ msgId: '{{memberMsgId}}', encryptedBlobB64: b64(200, 9) }), expect: [409] },
  { name: 'post message: own msgId, stale generation, another blob', method: 'POST', path: MESSAGES, as: 'member', body: post({ msgId: '{{memberMsgId}}', generation: 1, encryptedBlobB64: b64(200, 8) }), expect: [409] },
  { name: 'post message: msgId uppercase hex', method: 'POST', path: MESSAGES, as: 'member', body: post({ msgId: 'ABCDEF0123456789ABCDEF0123456789' }), expect: [400] },
  { name: 'post message: msgId 31 characters', method: 'POST', path: MESSAGES, as: 'member', body: post({ msgId: 'a'.repeat(31) }), expect: [400] },
  { name: 'post message: msgId 33 characters', method: 'POST', path: MESSAGES, as: 'member', body: post({ msgId: 'a'.repeat(33) }), expect: [400] },
  { name: 'post message: msgId not hex', method: 'POST', path: MESSAGES, as: 'member', body: post({ msgId: 'z'.repeat(32) }), expect: [400] },
  { name: 'post message: msgId SQL-like', method: 'POST', path: MESSAGES, as: 'member', body: post({ msgId: "0' OR '1'='1' --" }), expect: [400] },
  { name: 'post message: editOf another sender\u2019s message', method: 'POST', path: MESSAGES, as: 'member', body: post({ editOf: '{{adminMsgId}}' }), expect: [400, 403, 404, 409] },
  { name: 'post message: deleteOf another sender\u2019s message', method: 'POST', path: MESSAGES, as: 'member', body: post({ deleteOf: '{{adminMsgId}}' }), expect: [400, 403, 404, 409] },
  { name: 'post message: editOf unknown msgId', method: 'POST', path: MESSAGES, as: 'member', body: post({ editOf: 'f'.repeat(32) }), expect: [400, 404, 409] },
  { name: 'post message: editOf not hex', method: 'POST', path: MESSAGES, as: 'member', body: post({ editOf: 'nope' }), expect: [400] },
  { name: 'post message: editOf and deleteOf together', method: 'POST', path: MESSAGES, as: 'member', body: post({ editOf: '{{memberMsgId}}', deleteOf: '{{memberMsgId}}' }), expect: [400, 409] },
];

const generationCases: BadInputCase[] = [
  { name: 'post message: stale generation 1', method: 'POST', path: MESSAGES, as: 'member', body: post({ generation: 1 }), expect: [409] },
  { name: 'post message: future generation 3', method: 'POST', path: MESSAGES, as: 'member', body: post({ generation: 3 }), expect: [409] },
  { name: 'post message: generation 0', method: 'POST', path: MESSAGES, as: 'member', body: post({ generation: 0 }), expect: [400, 409] },
  { name: 'post message: negative generation', method: 'POST', path: MESSAGES, as: 'member', body: post({ generation: -2 }), expect: [400, 409] },
  { name: 'post message: generation 2^53', method: 'POST', path: MESSAGES, as: 'member', body: post({ generation: 2 ** 53 }), expect: [400, 409] },
  { name: 'rotate: same generation', method: 'POST', path: ROTATE, as: 'member', body: rotation({ generation: 2 }), expect: [409] },
  { name: 'rotate: skips a generation', method: 'POST', path: ROTATE, as: 'member', body: rotation({ generation: 4 }), expect: [409] },
  { name: 'rotate: stale generation 1', method: 'POST', path: ROTATE, as: 'member', body: rotation({ generation: 1 }), expect: [409] },
  { name: 'rotate: leaves a member out', method: 'POST', path: ROTATE, as: 'member', body: rotation({ keys: [{ username: '{{member}}', encryptedGroupKeyB64: SEALED }] }), expect: [409] },
  { name: 'rotate: adds a non-member', method: 'POST', path: ROTATE, as: 'member', body: rotation({ keys: [...rotation().keys, { username: '{{outsider}}', encryptedGroupKeyB64: SEALED }] }), expect: [409] },
  { name: 'rotate: same member twice', method: 'POST', path: ROTATE, as: 'member', body: rotation({ keys: [...rotation().keys, { username: '{{member}}', encryptedGroupKeyB64: SEALED }] }), expect: [400, 409] },
  { name: 'rotate: empty keys', method: 'POST', path: ROTATE, as: 'member', body: rotation({ keys: [] }), expect: [400, 409] },
  { name: 'add member: only a stale generation key', method: 'POST', path: MEMBERS, as: 'admin', body: addMember({ keys: [{ generation: 1, encryptedGroupKeyB64: SEALED }] }), expect: [409] },
  { name: 'add member: a future generation key', method: 'POST', path: MEMBERS, as: 'admin', body: addMember({ keys: [{ generation: 3, encryptedGroupKeyB64: SEALED }] }), expect: [400, 409] },
  { name: 'add member: no keys', method: 'POST', path: MEMBERS, as: 'admin', body: addMember({ keys: [] }), expect: [400, 409] },
  { name: 'add member: already a member', method: 'POST', path: MEMBERS, as: 'admin', body: addMember({ username: '{{member}}' }), expect: [409] },
  { name: 'add member: unknown user', method: 'POST', path: MEMBERS, as: 'admin', body: addMember({ username: 'ghost' }), expect: [404] },
  { name: 'remove member: rotation for wrong generation', method: 'DELETE', path: '/api/groups/{{group}}/members/{{member}}', as: 'admin', body: { rotation: { generation: 2, keys: [{ username: '{{admin}}', encryptedGroupKeyB64: SEALED }] } }, expect: [409] },
  { name: 'remove member: rotation keeps the removed member', method: 'DELETE', path: '/api/groups/{{group}}/members/{{member}}', as: 'admin', body: { rotation: rotation() }, expect: [409] },
];

const queryCases: BadInputCase[] = [
  { name: 'history: limit 0', method: 'GET', path: `${MESSAGES}?limit=0`, as: 'member', expect: [400] },
  { name: 'history: limit 201', method: 'GET', path: `${MESSAGES}?limit=201`, as: 'member', expect: [400] },
  { name: 'history: limit negative', method: 'GET', path: `${MESSAGES}?limit=-5`, as: 'member', expect: [400] },
  { name: 'history: limit not a number', method: 'GET', path: `${MESSAGES}?limit=all`, as: 'member', expect: [400] },
  { name: 'history: before SQL-like', method: 'GET', path: `${MESSAGES}?before=1%3B%20DROP%20TABLE%20messages`, as: 'member', expect: [400] },
  { name: 'history: after negative', method: 'GET', path: `${MESSAGES}?after=-1`, as: 'member', expect: [400] },
  { name: 'history: after not a number', method: 'GET', path: `${MESSAGES}?after=latest`, as: 'member', expect: [400] },
  { name: 'history: before and after together', method: 'GET', path: `${MESSAGES}?before=5&after=1`, as: 'member', expect: [400] },
  { name: 'history: after beyond 2^63', method: 'GET', path: `${MESSAGES}?after=99999999999999999999999`, as: 'member', expect: [400] },
  { name: 'prelogin: username SQL-like', method: 'GET', path: "/api/auth/prelogin?username=x'%20OR%201%3D1--", as: 'none', expect: [400] },
  { name: 'prelogin: username missing', method: 'GET', path: '/api/auth/prelogin', as: 'none', expect: [400] },
  { name: 'prelogin: username 500 characters', method: 'GET', path: `/api/auth/prelogin?username=${'a'.repeat(500)}`, as: 'none', expect: [400] },
];

const contentTypeCases: BadInputCase[] = [
  { name: 'post message: text/plain body', method: 'POST', path: MESSAGES, as: 'member', rawBody: JSON.stringify(post()), contentType: 'text/plain', expect: [400, 415] },
  { name: 'register: form-encoded body', method: 'POST', path: '/api/auth/register', as: 'none', rawBody: 'username=newcomer&authKeyB64=x', contentType: 'application/x-www-form-urlencoded', expect: [400, 415] },
  { name: 'create group: XML body', method: 'POST', path: '/api/groups/create', as: 'member', rawBody: '<group><name>x</name></group>', contentType: 'application/xml', expect: [400, 415] },
  { name: 'login: JSON with UTF-16 charset claim', method: 'POST', path: '/api/auth/login', as: 'none', rawBody: '\u0000{', contentType: 'application/json; charset=utf-16', expect: [400, 415] },
];

const authCases: BadInputCase[] = [
  { name: 'login: wrong authKey', method: 'POST', path: '/api/auth/login', as: 'none', body: { username: '{{member}}', authKeyB64: b64(32, 1) }, expect: [401] },
  { name: 'login: unknown user', method: 'POST', path: '/api/auth/login', as: 'none', body: { username: 'ghost', authKeyB64: KEY }, expect: [401] },
  { name: 'refresh: made-up token', method: 'POST', path: '/api/auth/refresh', as: 'none', body: { refreshToken: Buffer.alloc(32, 3).toString('base64url') }, expect: [401] },
  { name: 'refresh: an access-token-shaped string', method: 'POST', path: '/api/auth/refresh', as: 'none', body: { refreshToken: 'eyJhbGciOiJIUzI1NiJ9.e30.x' }, expect: [400, 401] },
  { name: 'refresh: 10000-character token', method: 'POST', path: '/api/auth/refresh', as: 'none', body: { refreshToken: 'A'.repeat(10_000) }, expect: [400, 401] },
  { name: 'groups: bearer garbage', method: 'GET', path: '/api/groups', as: 'none', headers: { authorization: 'Bearer garbage' }, expect: [401] },
  { name: 'groups: token in a Basic header', method: 'GET', path: '/api/groups', as: 'none', headers: { authorization: 'Basic Ym9iOmJvYg==' }, expect: [401] },
  { name: 'groups: token with a NUL-padded scheme', method: 'GET', path: '/api/groups', as: 'none', headers: { authorization: 'Bearer  ' }, expect: [401] },
];

export const badInputCases: BadInputCase[] = [
  ...malformedCases,
  ...wrongTypeCases,
  ...missingFieldCases,
  ...unknownFieldCases,
  ...oversizeCases,
  ...base64Cases,
  ...nameCases,
  ...pathCases,
  ...messageIdCases,
  ...generationCases,
  ...queryCases,
  ...contentTypeCases,
  ...authCases,
];
