// Inside a real VS Code: the extension activates, its commands exist, the panel opens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId } from '../../../extension/commands/ids';
import { probeWebview } from './webview-probe';

describe('TeamChat extension in VS Code', () => {
  it('activates and registers its commands', async () => {
    const ext = vscode.extensions.getExtension('teamchat.teamchat');
    assert.ok(ext, 'extension teamchat.teamchat is installed');
    await ext.activate();
    const commands = await vscode.commands.getCommands(true);
    const missing = Object.values(CommandId).filter((id) => !commands.includes(id));
    assert.deepEqual(missing, []);
  });

  it('opens the chat panel, whose webview shows the sign-in prompt', async function () {
    await vscode.commands.executeCommand('teamchat.openChat');
    const probe = await probeWebview({ selector: '.session-bar', contains: 'Signed out', screenshot: 'signed-out.png' });
    if (!probe) return this.skip();
    assert.match(probe.text, /Signed out/);
  });
});
