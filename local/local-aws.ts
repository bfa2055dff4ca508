import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { ensurePythonTools, venvBin } from './python-env';

/** Credentials and region every local run uses; moto accepts any. */
export const LOCAL_AWS = {
  region: 'us-east-1',
  accountId: '123456789012',
  credentials: { accessKeyId: 'AKIALOCALTESTING', secretAccessKey: 'local-secret-key', sessionToken: 'local-session-token' },
} as const;

export interface LocalAws {
  readonly endpoint: string;
  /** The variables that point an SDK v3 client at this endpoint. */
  readonly env: Record<string, string>;
  /** The moto server's process id, for a caller that must find it again from another process. */
  readonly pid?: number;
  /** Settles when the moto server exits, whoever stopped it. */
  readonly exited?: Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/config`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto server did not answer at ${endpoint} within ${timeoutMs} ms`);
}

export interface LocalAwsOptions {
  readonly log?: (line: string) => void;
  /**
   * Enforce IAM after this many requests (moto's INITIAL_NO_AUTH_ACTION_COUNT): the first ones set things up
   * unchecked, every later one needs the credentials of an IAM user or assumed role that moto knows, and an
   * identity policy allowing its action (moto compares actions only, against Resource "*").
   */
  readonly iamEnforcedAfter?: number;
}

/**
 * Starts moto server on a free loopback port with Step Functions executing state machines for real,
 * and returns once it answers. Use 127.0.0.1, not localhost: S3 would switch to virtual-host addressing.
 */
export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  ensurePythonTools(options.log);
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const env = options.iamEnforcedAfter === undefined ? process.env : { ...process.env, INITIAL_NO_AUTH_ACTION_COUNT: String(options.iamEnforcedAfter) };
  const child = spawn(venvBin('moto_server'), ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  try {
    await waitUntilUp(endpoint, child, 30_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  const res = await fetch(`${endpoint}/moto-api/config`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ stepfunctions: { execute_state_machine: true } }),
  });
  if (!res.ok) throw new Error(`moto refused the Step Functions config: ${res.status}`);
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    endpoint,
    pid: child.pid,
    exited,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: LOCAL_AWS.region,
      AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
