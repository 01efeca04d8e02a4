// "#123" resolves to the issue page of the host of the reader's own clone (common/code/remote-host.ts).
import * as assert from 'node:assert/strict';
import { issueUrl, parseRemoteUrl } from '../../../common/code/remote-host';

describe('issue links from a git remote', () => {
  it('reads host and repository from https, ssh and scp-like remote URLs', () => {
    assert.deepEqual(parseRemoteUrl('https://github.com/acme/retry.git'), { host: 'github.com', path: 'acme/retry' });
    assert.deepEqual(parseRemoteUrl('git@github.com:acme/retry.git'), { host: 'github.com', path: 'acme/retry' });
    assert.deepEqual(parseRemoteUrl('ssh://git@GitLab.Example.com:2222/group/sub/repo.git'), { host: 'gitlab.example.com', path: 'group/sub/repo' });
    assert.deepEqual(parseRemoteUrl('https://alice@bitbucket.org/team/app/'), { host: 'bitbucket.org', path: 'team/app' });
  });

  it('refuses what is no remote of a hosted repository', () => {
    for (const url of ['', '/srv/git/repo.git', 'file:///srv/repo', 'https://github.com/only', 'https://github.com/a/../b', 'https://evil.com\\@github.com/a/b', 'git@github.com:/a/b', 'https://github.com/a/b c', `https://github.com/${'a/'.repeat(2000)}`, 'https://-x.com/a/b']) {
      assert.equal(parseRemoteUrl(url), undefined, url);
    }
  });

  it('links GitHub, GitLab (gitlab.com and gitlab.* hosts) and Bitbucket issues, and nothing for other hosts', () => {
    const at = (url: string, n = 12) => issueUrl(parseRemoteUrl(url)!, n);
    assert.equal(at('git@github.com:acme/retry.git'), 'https://github.com/acme/retry/issues/12');
    assert.equal(at('https://gitlab.com/g/sub/r.git'), 'https://gitlab.com/g/sub/r/-/issues/12');
    assert.equal(at('git@gitlab.acme.dev:g/r.git'), 'https://gitlab.acme.dev/g/r/-/issues/12');
    assert.equal(at('https://bitbucket.org/t/a.git'), 'https://bitbucket.org/t/a/issues/12');
    assert.equal(at('https://git.acme.dev/t/a.git'), undefined);
    assert.equal(at('https://github.com.evil.io/t/a.git'), undefined);
    assert.equal(at('https://github.com/a/b/c'), undefined);
    assert.equal(at('https://github.com/a/b', 0), undefined);
  });
});
