import assert from 'node:assert/strict';
import { MemorySecretStore } from '../../../client';
import { PinStore } from '../../../client/trust/pin-store';

const alice = { username: 'alice', encryptionPublicKeyB64: 'A'.repeat(43) + '=', signingPublicKeyB64: 'B'.repeat(43) + '=' };

describe('pin store (trust on first use)', () => {
  it('pins on first use, then recognises the same keys', async () => {
    const pins = new PinStore(new MemorySecretStore(), 'https://chat.example.com');
    assert.equal(await pins.check(alice), 'first-use');
    assert.equal(await pins.check(alice), 'same');
  });

  it('reports a changed key and keeps the old pin until the user accepts the new one', async () => {
    const store = new MemorySecretStore();
    const pins = new PinStore(store, 'https://chat.example.com');
    await pins.check(alice);
    const swapped = { ...alice, signingPublicKeyB64: 'C'.repeat(43) + '=' };
    assert.equal(await pins.check(swapped), 'changed');
    assert.equal((await pins.pinned('alice'))!.signingPublicKeyB64, alice.signingPublicKeyB64);
    await pins.pin(swapped);
    assert.equal(await new PinStore(store, 'https://chat.example.com').check(swapped), 'same');
  });

  it('keeps pins per server', async () => {
    const store = new MemorySecretStore();
    await new PinStore(store, 'https://one.example.com').check(alice);
    const other = new PinStore(store, 'https://two.example.com');
    assert.equal(await other.pinned('alice'), undefined);
    assert.equal(await other.check({ ...alice, encryptionPublicKeyB64: 'D'.repeat(43) + '=' }), 'first-use');
  });

  it('pins users named like Object.prototype keys as anyone else, across a restart', async () => {
    const store = new MemorySecretStore();
    const pins = new PinStore(store, 'https://chat.example.com');
    const names = ['constructor', 'tostring', 'hasownproperty', 'valueof', '__proto__'];
    for (const username of names) assert.equal(await pins.check({ ...alice, username }), 'first-use', username);
    const again = new PinStore(store, 'https://chat.example.com');
    for (const username of names) assert.equal(await again.check({ ...alice, username }), 'same', username);
    assert.equal(await again.check({ ...alice, username: 'isprototypeof' }), 'first-use');
  });
});
