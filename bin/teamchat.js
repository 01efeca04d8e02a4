#!/usr/bin/env node
// The `teamchat` command: the bundled CLI when it has been built (npm run bundle), else the
// TypeScript source through tsx, so it works straight from a checkout.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const bundled = path.join(__dirname, '..', 'dist', 'cli.js');
let cli;
if (fs.existsSync(bundled)) {
  cli = require(bundled);
} else {
  require('tsx/cjs/api').register();
  cli = require(path.join(__dirname, '..', 'client', 'cli', 'main.ts'));
}
cli.main();
