import { spawn } from 'node:child_process';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { initBareRepo } from './process';

export interface GitServerOptions {
  /** Folder holding the bare repositories, served as `/<name>.git`. */
  readonly root: string;
  /** Basic-auth user and password every request must carry. */
  readonly username: string;
  readonly password: string;
  /**
   * Runs before an authenticated request is served, such as a push discovery (`GET .../info/refs` with
   * `service=git-receive-pack`): tests use it to play another writer who pushes first.
   */
  readonly onRequest?: (request: { method: string; path: string; query: string }) => Promise<void>;
  /**
   * Creates a missing bare repository (branch main) on its first authenticated request, as a hosted server's
   * "create on push" does, so a template can publish to a repository nobody set up. Names are path segments of
   * letters, digits, `.`, `_` and `-`, not starting with a dot, the last ending in `.git`.
   */
  readonly createRepositories?: boolean;
}

const REPOSITORY_PATH = /^\/((?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*)\.git(?:\/|$)/;

export interface GitServer {
  /** `http://127.0.0.1:<port>`: a repository is `${url}/<name>.git`. */
  readonly url: string;
  /** Requests served, with their status, for tests that count pushes. */
  readonly requests: Array<{ method: string; path: string; status: number }>;
  close(): Promise<void>;
}

/**
 * A real smart-HTTP git server on loopback: `git http-backend` behind Basic authentication. The backend runs as a
 * child process per request, never synchronously: a blocking call in the serving process would deadlock it.
 */
export async function startGitServer(options: GitServerOptions): Promise<GitServer> {
  const requests: GitServer['requests'] = [];
  const creating = new Map<string, Promise<unknown>>();
  const ensureRepository = (path: string): Promise<unknown> => {
    const name = REPOSITORY_PATH.exec(decodeURIComponent(path))?.[1];
    if (!name || existsSync(join(options.root, `${name}.git`))) return Promise.resolve();
    // Concurrent first requests share one `git init`.
    if (!creating.has(name)) creating.set(name, initBareRepo(options.root, name).finally(() => creating.delete(name)));
    return creating.get(name)!;
  };
  const expected = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const [path, query = ''] = (req.url ?? '/').split('?');
    const record = (status: number) => requests.push({ method: req.method ?? '', path, status });
    if (req.headers.authorization !== expected) {
      record(401);
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="orch-test"', 'Content-Type': 'text/plain' });
      return res.end('authentication required\n');
    }
    if (options.onRequest || options.createRepositories) req.pause(); // the body waits for the hook and the init
    if (options.onRequest) await options.onRequest({ method: req.method ?? '', path, query });
    if (options.createRepositories) await ensureRepository(path);
    let head = Buffer.alloc(0);
    let headersSent = false;
    const backend = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: options.root,
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: options.username, // an authenticated user may push (receive-pack)
        REQUEST_METHOD: req.method,
        PATH_INFO: decodeURIComponent(path),
        QUERY_STRING: query,
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
        ...(req.headers['git-protocol'] ? { HTTP_GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      },
    });
    backend.on('error', (err) => {
      if (!headersSent) {
        record(500);
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        headersSent = true;
      }
      res.end(`git http-backend could not run: ${err.message}\n`);
    });
    req.pipe(backend.stdin);
    backend.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
        else headers[name] = value;
      }
      record(status);
      res.writeHead(status, headers);
      headersSent = true;
      res.write(head.subarray(end + 4));
    });
    backend.on('close', () => {
      if (!headersSent) {
        record(500);
        res.writeHead(500, { 'Content-Type': 'text/plain' });
      }
      res.end();
    });
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`${err.message}\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
