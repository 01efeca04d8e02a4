// Webview entry: registers only the vscode-elements components the panel uses, then starts.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { ChatApp } from './app';
import { createVsCodeTransport } from './vscode-transport';

const root = document.getElementById('app');
if (root) new ChatApp(document, root, createVsCodeTransport()).start();
