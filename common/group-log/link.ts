// A group log link: one signed change to a group (docs/protocol.md, "The group log").
//
//   { v, groupId, seq, prev, type, body, signer, at, signature }
//
// encoded as canonical JSON (canonical-json.ts). The signer signs
//   "teamchat/v1/group-link" || 0x00 || canonical(link without "signature")
// and the link's hash, which the next link names as `prev`, is
//   SHA-256("teamchat/v1/group-link-hash" || 0x00 || canonical(link)).
// Link 1 has prev "" and is the creator's (`create`) or, for a group made before the log,
// an admin's `start`, or, for a direct message between two people, either one's `dm`.

import { createHash } from 'node:crypto';
import { GROUP_ID_PATTERN, GROUP_NAME_PATTERN, GROUP_TOPIC_PATTERN, MAX_GROUP_NAME_CHARS, MAX_GROUP_TOPIC_CHARS, USERNAME_PATTERN } from '../api/primitives';
import { utf8 } from '../crypto/bytes';
import { canonicalJson, CanonicalJsonError, parseCanonicalJson } from './canonical-json';
import { GroupLogError } from './errors';

export const LINK_VERSION = 1;
export const LINK_TYPES = ['create', 'start', 'add', 'remove', 'leave', 'promote', 'demote', 'rotate', 'delete', 'rename', 'topic', 'dm'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** A member's public keys as the admin who added them saw them (base64, 32 bytes each). */
export interface MemberKeys {
  username: string;
  encryptionKey: string;
  signingKey: string;
}

export interface StartMember extends MemberKeys {
  admin: boolean;
}

export interface LinkBodies {
  create: { name: string; member: MemberKeys };
  start: { name: string; generation: number; members: StartMember[] };
  /** `generations`: every key generation sealed to the new member (the current one, and older ones to share history). */
  add: { member: MemberKeys; generations: number[] };
  remove: { username: string };
  leave: Record<string, never>;
  promote: { username: string };
  demote: { username: string };
  /** Generation g+1, sealed to exactly these members (sorted). */
  rotate: { generation: number; sealedTo: string[] };
  delete: Record<string, never>;
  rename: { name: string };
  /** One line of plain text; "" clears it. */
  topic: { topic: string };
  /** A direct message: exactly two different people, sorted by username, with their keys as the creator pinned them. */
  dm: { members: MemberKeys[] };
}

export type UnsignedLink<T extends LinkType = LinkType> = {
  [K in T]: {
    v: typeof LINK_VERSION;
    groupId: string;
    seq: number;
    /** Hash of the previous link (hex), "" for link 1. */
    prev: string;
    type: K;
    body: LinkBodies[K];
    signer: string;
    /** The signer's clock, ISO 8601. */
    at: string;
  };
}[T];

export type GroupLink<T extends LinkType = LinkType> = UnsignedLink<T> & { signature: string };

const SIGNATURE_LABEL = 'teamchat/v1/group-link\u0000';
const HASH_LABEL = 'teamchat/v1/group-link-hash\u0000';
const USERNAME = new RegExp(USERNAME_PATTERN);
const GROUP_ID = new RegExp(GROUP_ID_PATTERN);
const GROUP_NAME = new RegExp(GROUP_NAME_PATTERN, 'u');
const GROUP_TOPIC = new RegExp(GROUP_TOPIC_PATTERN, 'u');
const HASH = /^[0-9a-f]{64}$/;
// Canonical base64 only: the bits after the last byte must be zero, or one signature or key
// would have several spellings, so one signed link several texts and hashes (a head that looks
// forked). 32 bytes leave 2 spare bits in the last character, 64 bytes leave 4.
const KEY_B64 = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
const SIGNATURE_B64 = /^[A-Za-z0-9+/]{85}[AQgw]==$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
/** A link is small; a larger one is a probe (a start link of a 5,000-member group is about 0.6 MB). */
export const MAX_LINK_CHARS = 1_000_000;
const MAX_GENERATION = 2147483647;

/** The bytes the signer signs. */
export function signedBytes(link: UnsignedLink): Uint8Array {
  return utf8(SIGNATURE_LABEL + canonicalJson(link));
}

/** The hash the next link names as prev, over the stored text. */
export function linkHash(text: string): string {
  return createHash('sha256').update(HASH_LABEL).update(text, 'utf8').digest('hex');
}

function malformed(seq: number | undefined, why: string): never {
  throw new GroupLogError('malformed', seq, `Link ${seq ?? '?'} of the group log is malformed: ${why}.`);
}

function record(value: unknown, seq: number | undefined, what: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) malformed(seq, `${what} must be an object`);
  const names = Object.keys(value);
  if (names.length !== keys.length || !keys.every((k) => Object.hasOwn(value, k))) malformed(seq, `${what} must have exactly ${keys.join(', ') || 'no fields'}`);
  return value as Record<string, unknown>;
}

function username(value: unknown, seq: number | undefined, what: string): string {
  if (typeof value !== 'string' || !USERNAME.test(value)) malformed(seq, `${what} must be a username`);
  return value;
}

function generation(value: unknown, seq: number | undefined): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > MAX_GENERATION) malformed(seq, 'generation must be a positive integer');
  return value;
}

function memberKeys(value: unknown, seq: number | undefined, extra: readonly string[] = []): MemberKeys {
  const m = record(value, seq, 'a member', ['username', 'encryptionKey', 'signingKey', ...extra]);
  if (typeof m.encryptionKey !== 'string' || !KEY_B64.test(m.encryptionKey)) malformed(seq, 'encryptionKey must be a 32-byte key in base64');
  if (typeof m.signingKey !== 'string' || !KEY_B64.test(m.signingKey)) malformed(seq, 'signingKey must be a 32-byte key in base64');
  return { username: username(m.username, seq, 'username'), encryptionKey: m.encryptionKey, signingKey: m.signingKey };
}

function sortedUnique<T extends string | number>(values: T[], seq: number | undefined, what: string): T[] {
  for (let i = 1; i < values.length; i++) if (!((values[i - 1] as T) < (values[i] as T))) malformed(seq, `${what} must be sorted and without repeats`);
  return values;
}

function groupName(value: unknown, seq: number | undefined): string {
  if (typeof value !== 'string' || value.length > MAX_GROUP_NAME_CHARS || !GROUP_NAME.test(value)) {
    malformed(seq, `name must be 1 to ${MAX_GROUP_NAME_CHARS} visible characters, with no control or bidi characters`);
  }
  return value;
}

function groupTopic(value: unknown, seq: number | undefined): string {
  if (typeof value !== 'string' || value.length > MAX_GROUP_TOPIC_CHARS || !GROUP_TOPIC.test(value)) {
    malformed(seq, `topic must be at most ${MAX_GROUP_TOPIC_CHARS} characters of one line, with no control or bidi characters`);
  }
  return value;
}

function body(type: LinkType, value: unknown, seq: number | undefined): LinkBodies[LinkType] {
  switch (type) {
    case 'create': {
      const b = record(value, seq, 'the body', ['name', 'member']);
      return { name: groupName(b.name, seq), member: memberKeys(b.member, seq) };
    }
    case 'start': {
      const b = record(value, seq, 'the body', ['name', 'generation', 'members']);
      if (!Array.isArray(b.members) || b.members.length === 0) malformed(seq, 'members must be a non-empty list');
      const members = b.members.map((m: unknown) => {
        const keys = memberKeys(m, seq, ['admin']);
        const admin = (m as Record<string, unknown>).admin;
        if (typeof admin !== 'boolean') malformed(seq, 'admin must be true or false');
        return { ...keys, admin };
      });
      sortedUnique(members.map((m) => m.username), seq, 'members');
      return { name: groupName(b.name, seq), generation: generation(b.generation, seq), members };
    }
    case 'add': {
      const b = record(value, seq, 'the body', ['member', 'generations']);
      if (!Array.isArray(b.generations) || b.generations.length === 0) malformed(seq, 'generations must be a non-empty list');
      return { member: memberKeys(b.member, seq), generations: sortedUnique(b.generations.map((g: unknown) => generation(g, seq)), seq, 'generations') };
    }
    case 'remove':
    case 'promote':
    case 'demote': {
      const b = record(value, seq, 'the body', ['username']);
      return { username: username(b.username, seq, 'username') };
    }
    case 'leave':
    case 'delete':
      record(value, seq, 'the body', []);
      return {};
    case 'rotate': {
      const b = record(value, seq, 'the body', ['generation', 'sealedTo']);
      if (!Array.isArray(b.sealedTo) || b.sealedTo.length === 0) malformed(seq, 'sealedTo must be a non-empty list');
      const sealedTo = b.sealedTo.map((u: unknown) => username(u, seq, 'sealedTo'));
      return { generation: generation(b.generation, seq), sealedTo: sortedUnique(sealedTo, seq, 'sealedTo') };
    }
    case 'rename':
      return { name: groupName(record(value, seq, 'the body', ['name']).name, seq) };
    case 'dm': {
      const b = record(value, seq, 'the body', ['members']);
      if (!Array.isArray(b.members) || b.members.length !== 2) malformed(seq, 'a direct message names exactly two members');
      const members = b.members.map((m: unknown) => memberKeys(m, seq));
      // Sorted and different: one pair has one spelling, and nobody has a direct message with themselves.
      sortedUnique(members.map((m) => m.username), seq, 'the two members');
      return { members };
    }
    case 'topic':
      return { topic: groupTopic(record(value, seq, 'the body', ['topic']).topic, seq) };
  }
}

/** Parses one stored link: canonical, every field of its type and nothing else. Throws GroupLogError. */
export function parseLink(text: string): GroupLink {
  if (typeof text !== 'string' || text.length > MAX_LINK_CHARS) malformed(undefined, 'it is not text of a sensible size');
  let json: unknown;
  try {
    json = parseCanonicalJson(text);
  } catch (error) {
    if (error instanceof CanonicalJsonError) malformed(undefined, error.message.replace(/\.$/, '').toLowerCase());
    throw error;
  }
  const outer = record(json, undefined, 'a link', ['v', 'groupId', 'seq', 'prev', 'type', 'body', 'signer', 'at', 'signature']);
  const seq = outer.seq;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) malformed(undefined, 'seq must be a positive integer');
  if (outer.v !== LINK_VERSION) throw new GroupLogError('unsupported-version', seq, `Link ${seq} of the group log has format version ${String(outer.v)}, which this TeamChat does not support; update TeamChat.`);
  if (typeof outer.groupId !== 'string' || !GROUP_ID.test(outer.groupId)) malformed(seq, 'groupId must be a group id');
  if (typeof outer.prev !== 'string' || (seq === 1 ? outer.prev !== '' : !HASH.test(outer.prev))) malformed(seq, 'prev must be the previous link hash ("" for link 1)');
  if (typeof outer.type !== 'string' || !(LINK_TYPES as readonly string[]).includes(outer.type)) malformed(seq, `type must be one of ${LINK_TYPES.join(', ')}`);
  if (typeof outer.at !== 'string' || !ISO_TIME.test(outer.at) || Number.isNaN(Date.parse(outer.at))) malformed(seq, 'at must be an ISO 8601 UTC time');
  if (typeof outer.signature !== 'string' || !SIGNATURE_B64.test(outer.signature)) malformed(seq, 'signature must be 64 bytes in base64');
  const type = outer.type as LinkType;
  return {
    v: LINK_VERSION,
    groupId: outer.groupId,
    seq,
    prev: outer.prev,
    type,
    body: body(type, outer.body, seq),
    signer: username(outer.signer, seq, 'signer'),
    at: outer.at,
    signature: outer.signature,
  } as GroupLink;
}

/** The link without its signature: what was signed. */
export function unsigned(link: GroupLink): UnsignedLink {
  const { signature: _signature, ...rest } = link;
  return rest as UnsignedLink;
}
