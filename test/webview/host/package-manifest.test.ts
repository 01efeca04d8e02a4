// package.json must contribute exactly the commands the extension registers, the chat's tab
// and view, and a package whose README is the user's.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CommandId } from '../../../extension/commands/ids';

const root = path.join(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

const manifest = JSON.parse(read('package.json')) as {
  name: string;
  publisher: string;
  engines: { vscode: string };
  contributes: {
    commands: { command: string; title: string }[];
    configuration: { properties: Record<string, unknown> };
    viewsContainers: Record<string, { id: string }[]>;
    views: Record<string, { id: string; type?: string; name: string }[]>;
  };
  main: string;
  activationEvents: string[];
  scripts: Record<string, string>;
};

describe('host package manifest', () => {
  it('contributes exactly the command ids the extension registers', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), Object.values(CommandId).sort());
  });

  it('has the server, username and privacy settings and loads the bundled extension', () => {
    assert.deepEqual(Object.keys(manifest.contributes.configuration.properties).sort(), [
      'teamchat.privacy.sharePresence', 'teamchat.privacy.shareReadReceipts', 'teamchat.privacy.shareTyping', 'teamchat.serverUrl', 'teamchat.username',
    ]);
    for (const name of ['sharePresence', 'shareReadReceipts', 'shareTyping']) assert.match(read('extension/privacy-settings.ts'), new RegExp(`'${name}', true`));
    assert.equal(manifest.main, './dist/extension.js');
  });

  it('activates at startup, for the chat panel VS Code restores after a reload (a WebviewPanelSerializer is registered for it), and for its links', () => {
    assert.deepEqual(manifest.activationEvents, ['onStartupFinished', 'onWebviewPanel:teamchat.chat', 'onUri']);
    assert.match(read('extension/extension.ts'), /registerUriHandler\(/);
    assert.match(read('extension/panel/chat-panel.ts'), /CHAT_VIEW_TYPE = 'teamchat\.chat'/);
    assert.match(read('extension/panel/chat-surfaces.ts'), /registerWebviewPanelSerializer\(CHAT_VIEW_TYPE,/);
  });

  it('contributes the Chat webview view in a panel container, the one place VS Code 1.90 lets it go besides the activity bar', () => {
    assert.equal(manifest.engines.vscode, '^1.90.0');
    // "secondarySidebar" came in VS Code 1.106; at 1.90 the user drags the view there.
    assert.deepEqual(Object.keys(manifest.contributes.viewsContainers).sort(), ['activitybar', 'panel']);
    const container = manifest.contributes.viewsContainers.panel?.[0]?.id ?? '';
    assert.deepEqual(manifest.contributes.views[container], [{ type: 'webview', id: 'teamchat.chatView', name: 'Chat', icon: '$(comment-discussion)', contextualTitle: 'TeamChat' }]);
    assert.match(read('extension/panel/chat-side-view.ts'), /CHAT_SIDE_VIEW_ID = 'teamchat\.chatView'/);
  });

  it('is teamchat.teamchat, the authority message links name', () => {
    assert.equal(`${manifest.publisher}.${manifest.name}`, 'teamchat.teamchat');
    assert.match(read('extension/message-links.ts'), /EXTENSION_AUTHORITY = 'teamchat\.teamchat'/);
    assert.match(read('client/admin/invite-link.ts'), /EXTENSION_AUTHORITY = 'teamchat\.teamchat'/);
  });

  it("packages the user's README, not the developer's", function () {
    this.timeout(60_000);
    const flag = / --readme-path (\S+)/.exec(manifest.scripts.package ?? '');
    assert.equal(flag?.[1], 'docs/extension-readme.md', `npm run package names the user README: ${manifest.scripts.package}`);
    // vsce lists what the .vsix would hold, with the flags the package script gives it.
    const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies', '--readme-path', flag![1]!], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    assert.ok(files.includes('docs/extension-readme.md'), files.join(', '));
    assert.ok(!files.some((f) => /(^|\/)readme\.md$/i.test(f)), `no other README: ${files.join(', ')}`);
  });

  it('gives users a README without developer commands or links into the repository', () => {
    const readme = read('docs/extension-readme.md');
    const developerOnly = [/\bnpm\b/, /\bnpx\b/, /\bnode\s/, /\btsx\b/, /\bmocha\b/, /\bgit\b/, /\bF5\b/, /extensionDevelopmentPath/, /\bscripts\//, /```(sh|bash)/, /\bteamchat (register|send|fingerprint)\b/, /PostgreSQL|DATABASE_URL|JWT_SECRET/];
    for (const pattern of developerOnly) assert.doesNotMatch(readme, pattern);
    // The package has no repository to resolve a relative link against: vsce would refuse it.
    for (const [, target] of readme.matchAll(/\]\(([^)]+)\)/g)) assert.match(target!, /^https:\/\//, `link ${target}`);
    for (const topic of [/teamchat\.serverUrl/, /Sign Up/, /Create Group/, /Share Selection/, /safety number/i, /cannot/, /Open Chat in Side View/, /Copy link/]) assert.match(readme, topic);
  });
});
