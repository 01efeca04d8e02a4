// One extension-to-type table serves the CLI's `send --file` and the extension's Attach File,
// so the same file is labelled the same way by both (it used to be two tables that disagreed).
import * as assert from 'node:assert/strict';
import { isTextFile, typeForName } from '../../../common/attachments/file-kinds';

describe('file types by name', () => {
  it('uses the registered type where IANA has one', () => {
    assert.equal(typeForName('config.yaml'), 'application/yaml');
    assert.equal(typeForName('pom.xml'), 'application/xml');
    assert.equal(typeForName('package.json'), 'application/json');
    assert.equal(typeForName('app.mjs'), 'text/javascript');
  });

  it('names languages without a registered type the way other tools do, and they stay text', () => {
    for (const [name, type] of [['retry.ts', 'text/x-typescript'], ['main.py', 'text/x-python'], ['fix.patch', 'text/x-diff'], ['run.sh', 'text/x-shellscript']]) {
      assert.equal(typeForName(name!), type);
      assert.ok(isTextFile(name!, type!), name);
    }
  });

  it('is case-blind on the extension and generic for the unknown', () => {
    assert.equal(typeForName('PHOTO.JPG'), 'image/jpeg');
    assert.equal(typeForName('notes.toml'), 'text/plain');
    assert.equal(typeForName('blob.xyz'), 'application/octet-stream');
    assert.equal(typeForName('noextension'), 'application/octet-stream');
  });

  it('takes no type from the prototype for a hostile name', () => {
    for (const name of ['x.__proto__', 'x.constructor', 'x.toString', 'x.hasOwnProperty']) assert.equal(typeForName(name), 'application/octet-stream');
  });
});
