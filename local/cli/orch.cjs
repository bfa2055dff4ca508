#!/usr/bin/env node
// The `orch` bin: runs the TypeScript CLI through tsx, so `npx orch` works right after `npm ci`, with no build step
// whose output could go stale.
require('tsx/cjs/api').register();
require('./main.ts');
