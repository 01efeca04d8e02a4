// Builds real, signed group logs for the verifier's tests: a few people with real keys, and
// a helper that signs the next link as any of them.

import { randomUUID } from 'node:crypto';
import { createIdentity, toBase64, type Identity } from '../../../common/crypto';
import { makeLink, type LinkBodies, type LinkType, type LogHead, type MemberKeys } from '../../../common/group-log';

export interface Person {
  username: string;
  identity: Identity;
  keys: MemberKeys;
}

export function person(username: string): Person {
  const identity = createIdentity();
  return {
    username,
    identity,
    keys: { username, encryptionKey: toBase64(identity.encryptionPublicKey), signingKey: toBase64(identity.signingPublicKey) },
  };
}

export class LogBuilder {
  readonly texts: string[] = [];
  head: LogHead | undefined;

  constructor(readonly groupId = randomUUID()) {}

  add<T extends LinkType>(signer: Person, type: T, body: LinkBodies[T]): this {
    const signed = makeLink(this.groupId, this.head, type, body, { username: signer.username, signingPrivateKey: signer.identity.signingPrivateKey });
    this.texts.push(signed.text);
    this.head = { seq: signed.link.seq, hash: signed.hash };
    return this;
  }
}

/** alice creates, adds bob and carol, promotes bob, removes carol (and rotates), bob adds dave. */
export function sampleLog(): { log: LogBuilder; alice: Person; bob: Person; carol: Person; dave: Person } {
  const [alice, bob, carol, dave] = ['alice', 'bob', 'carol', 'dave'].map(person) as [Person, Person, Person, Person];
  const log = new LogBuilder()
    .add(alice, 'create', { name: 'launch', member: alice.keys })
    .add(alice, 'add', { member: bob.keys, generations: [1] })
    .add(alice, 'add', { member: carol.keys, generations: [1] })
    .add(alice, 'promote', { username: 'bob' })
    .add(alice, 'remove', { username: 'carol' })
    .add(alice, 'rotate', { generation: 2, sealedTo: ['alice', 'bob'] })
    .add(bob, 'add', { member: dave.keys, generations: [1, 2] });
  return { log, alice, bob, carol, dave };
}
