import assert from 'node:assert/strict';
import { TYPING_EXPIRES_MS, TYPING_RESEND_MS } from '../../../../common/api';
import { TYPING_IDLE_MS, TypingThrottle } from '../../../../client/presence/typing-throttle';
import { TypingRoster } from '../../../../client/presence/typing-roster';
import { FakeClock } from '../../../support/fake-clock';

describe('typing frames this client sends', () => {
  const setup = () => {
    const clock = new FakeClock();
    const sent: [string, boolean][] = [];
    return { clock, sent, throttle: new TypingThrottle((groupId, typing) => sent.push([groupId, typing]), clock) };
  };

  it('sends one start per group every few seconds however fast the user types, then a stop after a pause', () => {
    const { clock, sent, throttle } = setup();
    for (let i = 0; i < 30; i++) {
      throttle.typed('g1');
      clock.advance(200);
    }
    // 6 s of typing: a start at 0, 3 and (not yet) 6 s.
    assert.deepEqual(sent, [['g1', true], ['g1', true]]);
    clock.advance(TYPING_IDLE_MS - 201);
    assert.equal(sent.length, 2);
    clock.advance(1);
    assert.deepEqual(sent.at(-1), ['g1', false]);
    clock.advance(60_000);
    assert.equal(sent.length, 3, 'one stop, no more');
  });

  it('keeps groups apart, and a stop goes only after a start', () => {
    const { clock, sent, throttle } = setup();
    throttle.stop('g1');
    assert.deepEqual(sent, []);
    throttle.typed('g1');
    throttle.typed('g2');
    clock.advance(TYPING_RESEND_MS - 1);
    throttle.typed('g1');
    throttle.stop('g2');
    assert.deepEqual(sent, [['g1', true], ['g2', true], ['g2', false]]);
    clock.advance(1);
    throttle.typed('g1');
    assert.deepEqual(sent.at(-1), ['g1', true]);
    throttle.stopAll();
    assert.deepEqual(sent.at(-1), ['g1', false]);
  });
});

describe('who the server says is typing', () => {
  const setup = () => {
    const clock = new FakeClock();
    const changes: string[] = [];
    return { clock, changes, roster: new TypingRoster((groupId) => changes.push(groupId), clock) };
  };

  it('shows a name until its stop, or until the frames stop coming for a few seconds', () => {
    const { clock, changes, roster } = setup();
    roster.heard('g', 'bob', true);
    roster.heard('g', 'carol', true);
    assert.deepEqual(roster.typers('g'), ['bob', 'carol']);
    clock.advance(TYPING_EXPIRES_MS - 1000);
    roster.heard('g', 'bob', true);
    clock.advance(1000);
    assert.deepEqual(roster.typers('g'), ['bob'], "carol's line expired, bob's was renewed");
    roster.heard('g', 'bob', false);
    assert.deepEqual(roster.typers('g'), []);
    assert.deepEqual(changes, ['g', 'g', 'g', 'g']);
    clock.advance(TYPING_EXPIRES_MS * 2);
    assert.equal(changes.length, 4, 'an expiry after the stop changes nothing');
  });

  it('takes a hostile name such as __proto__ as any other, and a stop for someone not typing changes nothing', () => {
    const { clock, changes, roster } = setup();
    roster.heard('g', '__proto__', true);
    roster.heard('__proto__', 'constructor', true);
    assert.deepEqual(roster.typers('g'), ['__proto__']);
    assert.deepEqual(roster.typers('__proto__'), ['constructor']);
    roster.stopped('g', 'nobody');
    assert.equal(changes.length, 2);
    clock.advance(TYPING_EXPIRES_MS);
    assert.deepEqual(roster.typers('g'), []);
    assert.deepEqual(roster.typers('__proto__'), []);
  });
});
