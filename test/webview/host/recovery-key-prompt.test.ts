// The recovery key's dialog steps with a scripted UI: shown until "I Saved It", copied on
// request, and a dismissal answered with what is lost before going on without it.
import * as assert from 'node:assert/strict';
import { COPY, NO_WAY_BACK, SAVED, SHOW_AGAIN, WITHOUT, recoveryKeyProblem, showRecoveryKeyOnce, type RecoveryKeyUi } from '../../../extension/recovery-key-prompt';

function scripted(answers: (string | undefined)[]): RecoveryKeyUi & { shown: { message: string; detail: string; buttons: string[] }[]; copied: string[] } {
  const shown: { message: string; detail: string; buttons: string[] }[] = [];
  const copied: string[] = [];
  return {
    shown,
    copied,
    modal: async (message, detail, ...buttons) => {
      shown.push({ message, detail, buttons });
      if (answers.length === 0) throw new Error(`no scripted answer for "${message}"`);
      return answers.shift();
    },
    copy: async (text) => { copied.push(text); },
  };
}

describe('recovery key dialog', () => {
  // The known-answer key of test/unit/crypto/recovery-key.test.ts (bytes 00…1f), whose one-letter typos are all caught.
  const key = '000G-40R4-0M30-E209-185G-R38E-1W81-24GK-2GAH-C5RR-34D1-P70X-3RFJ-JE2A';

  it('shows the key with Copy and I Saved It, and ends at I Saved It', async () => {
    const ui = scripted([SAVED]);
    assert.equal(await showRecoveryKeyOnce(ui, 'alice', key), 'saved');
    assert.equal(ui.shown.length, 1);
    assert.ok(ui.shown[0]!.detail.includes(key));
    assert.deepEqual(ui.shown[0]!.buttons, [COPY, SAVED]);
    assert.deepEqual(ui.copied, []);
  });

  it('copies on Copy Recovery Key and shows it again, saying it was copied', async () => {
    const ui = scripted([COPY, SAVED]);
    assert.equal(await showRecoveryKeyOnce(ui, 'alice', key), 'saved');
    assert.deepEqual(ui.copied, [key]);
    assert.match(ui.shown[1]!.detail, /Copied/);
    assert.ok(ui.shown[1]!.detail.includes(key));
  });

  it('a dismissal says plainly what is lost, offers to show it again, and can go on without it', async () => {
    const ui = scripted([undefined, SHOW_AGAIN, undefined, WITHOUT]);
    assert.equal(await showRecoveryKeyOnce(ui, 'alice', key), 'not-saved');
    assert.equal(ui.shown.length, 4);
    assert.ok(ui.shown[1]!.detail.includes(NO_WAY_BACK));
    assert.deepEqual(ui.shown[1]!.buttons, [SHOW_AGAIN, WITHOUT]);
    assert.ok(ui.shown[2]!.detail.includes(key), 'shown again');
    assert.equal(NO_WAY_BACK, 'Without your passphrase or recovery key, your messages cannot be recovered: ask a server admin for a new account.');
  });

  it('dismissing the warning too goes on without it (nothing loops forever)', async () => {
    const ui = scripted([undefined, undefined]);
    assert.equal(await showRecoveryKeyOnce(ui, 'alice', key), 'not-saved');
  });

  it('validates what is typed: the key (any case, spaces) passes, a typo or a short key is told before anything is sent', () => {
    assert.equal(recoveryKeyProblem(key), undefined);
    assert.equal(recoveryKeyProblem(key.toLowerCase().replaceAll('-', ' ')), undefined);
    const typo = (key[0] === 'A' ? 'B' : 'A') + key.slice(1);
    assert.match(recoveryKeyProblem(typo)!, /mistyped \(its check letters do not match\)/);
    assert.match(recoveryKeyProblem(key.slice(0, 20))!, /not 56/);
    assert.match(recoveryKeyProblem('  ')!, /56 letters and digits/);
  });
});
