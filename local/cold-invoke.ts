/**
 * Invokes a built handler bundle (dist/handlers.js) once in a fresh `node` process, as Lambda would on a cold start,
 * and times it. The package test (test/tools/package.test.ts) and the package bench (bench/package-size.ts) both
 * use it, so it lives here rather than in either.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HandlerRequest, ProgressEventJson } from './protocol/types';

/** The line the cfn library logs right before its fixed 1-second wait for log delivery. */
const LOG_WAIT_MARKER = 'Waiting for logger proxy processes to finish';

/**
 * What the child `node` process runs. Times are `performance.now()`: milliseconds since the process's time origin,
 * i.e. since node started. The cfn library writes its handler log to console.log; the probe swallows it (keeping the
 * tail for errors) and notes when the library logs that it starts its fixed 1-second wait for log delivery: the
 * response exists by then.
 */
export const PROBE_SOURCE = `'use strict';
const { performance } = require('perf_hooks');
const scriptStartMs = performance.now();
const fs = require('fs');
const util = require('util');
const [handlerFile, requestFile, resultFile] = process.argv.slice(2);
const request = JSON.parse(fs.readFileSync(requestFile, 'utf8'));
const logTail = [];
let readyMs;
const capture = (...args) => {
  const line = util.format(...args);
  if (readyMs === undefined && line.includes(${JSON.stringify(LOG_WAIT_MARKER)})) readyMs = performance.now();
  logTail.push(line.slice(0, 2000));
  if (logTail.length > 60) logTail.shift();
};
for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) console[level] = capture;
const finish = (result) => {
  fs.writeFileSync(resultFile, JSON.stringify({ scriptStartMs, ...result, logTail }));
  process.exit(0);
};
const requireStartMs = performance.now();
let mod;
try {
  mod = require(handlerFile);
} catch (err) {
  finish({ error: 'require failed: ' + (err && err.stack || err) });
}
const requiredMs = performance.now();
const context = { awsRequestId: 'cold-' + process.pid, functionVersion: '$LATEST', memoryLimitInMB: '256', getRemainingTimeInMillis: () => 60000 };
Promise.resolve()
  .then(() => mod.entrypoint(request, context))
  .then(
    (response) => finish({ requireStartMs, requiredMs, readyMs, answeredMs: performance.now(), response }),
    (err) => finish({ requireStartMs, requiredMs, error: 'entrypoint rejected: ' + (err && err.stack || err) }),
  );
`;

export interface ColdInvocation {
  /** Process start -> first line of the probe script: node's own start-up. */
  readonly bootMs: number;
  /** Duration of `require(dist/handlers.js)` alone. */
  readonly requireOnlyMs: number;
  /** Process start -> require returned. */
  readonly requireMs: number;
  /** Process start -> the library begins its fixed 1-s log-delivery wait (the response is ready); undefined if never seen. */
  readonly readyMs?: number;
  /** Process start -> the entrypoint's promise resolved (includes that 1-s wait). */
  readonly answeredMs: number;
  readonly response: ProgressEventJson;
}

/**
 * Invokes `entrypoint` of `handlerFile` once in a fresh `node` process (no tsx, no NODE_OPTIONS) with `request`,
 * and returns the timings and the response. `env` is added to this process's environment.
 */
export async function coldInvoke(handlerFile: string, request: HandlerRequest, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<ColdInvocation> {
  const dir = mkdtempSync(join(tmpdir(), 'orch-cold-'));
  try {
    const requestFile = join(dir, 'request.json');
    const resultFile = join(dir, 'result.json');
    const probeFile = join(dir, 'probe.cjs');
    writeFileSync(probeFile, PROBE_SOURCE);
    writeFileSync(requestFile, JSON.stringify(request));
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete childEnv.NODE_OPTIONS;
    const child = spawn(process.execPath, [probeFile, handlerFile, requestFile, resultFile], { cwd: dir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (c) => (output = (output + c).slice(-4000)));
    child.stderr!.on('data', (c) => (output = (output + c).slice(-4000)));
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`cold invocation of ${handlerFile} took over ${timeoutMs} ms\n${output}`));
      }, timeoutMs);
      child.on('error', reject);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    if (!existsSync(resultFile)) throw new Error(`cold invocation of ${handlerFile} exited ${code} without a result\n${output}`);
    const r = JSON.parse(readFileSync(resultFile, 'utf8'));
    if (r.error) throw new Error(`cold invocation of ${handlerFile}: ${r.error}\nhandler log tail:\n${(r.logTail ?? []).join('\n')}`);
    return {
      bootMs: r.scriptStartMs,
      requireOnlyMs: r.requiredMs - r.requireStartMs,
      requireMs: r.requiredMs,
      readyMs: r.readyMs,
      answeredMs: r.answeredMs,
      response: r.response,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
