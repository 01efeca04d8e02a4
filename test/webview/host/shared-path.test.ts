import * as assert from 'node:assert/strict';
import { sharedSnippetPath } from '../../../extension/shared-path';

describe('the path Share Selection sends', () => {
  it('is relative to the workspace folder holding the file', () => {
    assert.equal(sharedSnippetPath('/home/alice/work/api/src/auth.ts', '/home/alice/work/api'), 'src/auth.ts');
    assert.equal(sharedSnippetPath('/c:/Users/alice/api/src/auth.ts', '/c:/Users/alice/api'), 'src/auth.ts');
  });

  it('is the file name alone for a file outside every workspace folder, never its absolute path', () => {
    assert.equal(sharedSnippetPath('/home/alice/secret-project/notes.md', undefined), 'notes.md');
    assert.equal(sharedSnippetPath('/c:/Users/alice/Desktop/keys.txt', undefined), 'keys.txt');
    assert.equal(sharedSnippetPath('Untitled-1', undefined), 'Untitled-1');
    assert.equal(sharedSnippetPath('/home/alice/other/x.ts', '/home/alice/work/api'), 'x.ts');
  });
});
