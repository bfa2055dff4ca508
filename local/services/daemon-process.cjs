#!/usr/bin/env node
// The services daemon's entry, spawned detached by startServices: TypeScript through tsx, like the orch bin.
require('tsx/cjs/api').register();
require('./daemon.ts').main(process.argv[2]);
