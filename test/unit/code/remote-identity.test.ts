import assert from 'node:assert/strict';
import { normalizeRemoteUrl } from '../../../common/code/remote-identity';
import { repositoryIdentity } from '../../../client/code/code-hashes';

describe('remote identity of a repository', () => {
  it('gives the same name for the ways one GitHub repository is cloned', () => {
    const urls = [
      'git@github.com:o/r.git',
      'https://github.com/o/r',
      'https://github.com/o/r.git',
      'https://github.com/o/r/',
      'ssh://git@github.com/o/r.git',
      'ssh://git@github.com:22/o/r.git',
      'git+ssh://git@github.com/o/r',
      'https://user:s3cret-token@github.com/O/R.git?x=1#frag',
      '  git@GitHub.com:o/r.git\n',
    ];
    for (const url of urls) assert.equal(normalizeRemoteUrl(url), 'github.com/o/r', url);
    const ids = new Set(urls.map(repositoryIdentity));
    assert.equal(ids.size, 1);
    assert.match([...ids][0]!, /^[0-9a-f]{64}$/);
  });

  it('keeps repositories apart: other owner, other host, nested groups', () => {
    assert.equal(normalizeRemoteUrl('git@gitlab.com:group/sub/r.git'), 'gitlab.com/group/sub/r');
    assert.notEqual(repositoryIdentity('git@github.com:o/r.git'), repositoryIdentity('git@github.com:o/r2.git'));
    assert.notEqual(repositoryIdentity('git@github.com:o/r.git'), repositoryIdentity('git@gitlab.com:o/r.git'));
  });

  it('never carries credentials into the name', () => {
    const name = normalizeRemoteUrl('https://alice:ghp_abcdef@github.com/o/r.git');
    assert.ok(name && !name.includes('alice') && !name.includes('ghp_'));
  });

  it('names nothing for local paths, file URLs, other schemes and hostile text', () => {
    const none = [
      '', '   ', '/home/alice/repo', './repo', '../repo', 'C:\\repo', 'C:/repo', 'file:///home/alice/repo',
      'ftp://github.com/o/r', 'https://github.com/', 'https://github.com/../..', 'git@github.com:..', 'git@github.com:o/.git',
      'https://github.com/o/r\u0000', 'git@github.com:o/r\nhttps://evil.example/x', 'x'.repeat(3000), 'https://',
    ];
    for (const url of none) assert.equal(normalizeRemoteUrl(url), undefined, JSON.stringify(url.slice(0, 60)));
    assert.equal(repositoryIdentity('/home/alice/repo'), undefined);
  });

  it('treats __proto__ as an ordinary path segment', () => {
    assert.equal(normalizeRemoteUrl('git@github.com:__proto__/constructor.git'), 'github.com/__proto__/constructor');
  });
});
