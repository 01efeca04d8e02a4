// package.json must contribute exactly the commands the extension registers.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CommandId } from '../../../extension/commands/ids';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { commands: { command: string; title: string }[]; configuration: { properties: Record<string, unknown> } };
  main: string;
  activationEvents: string[];
};

describe('host package manifest', () => {
  it('contributes exactly the command ids the extension registers', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), Object.values(CommandId).sort());
  });

  it('has the two settings and loads the bundled extension', () => {
    assert.deepEqual(Object.keys(manifest.contributes.configuration.properties).sort(), ['teamchat.serverUrl', 'teamchat.username']);
    assert.equal(manifest.main, './dist/extension.js');
  });

  it('activates at startup, and for the chat panel VS Code restores after a reload (a WebviewPanelSerializer is registered for it)', () => {
    assert.deepEqual(manifest.activationEvents, ['onStartupFinished', 'onWebviewPanel:teamchat.chat']);
    assert.match(readFileSync(path.join(__dirname, '../../../extension/panel/chat-panel.ts'), 'utf8'), /CHAT_VIEW_TYPE = 'teamchat\.chat'/);
    assert.match(readFileSync(path.join(__dirname, '../../../extension/extension.ts'), 'utf8'), /registerWebviewPanelSerializer\(CHAT_VIEW_TYPE,/);
  });
});
