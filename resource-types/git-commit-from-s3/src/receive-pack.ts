import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';

/**
 * One push of several ref updates, each a compare-and-swap on the ref's old value. isomorphic-git's `push` sends
 * one ref per push and requests no `atomic` capability, so a branch and its tag could not move together through
 * it; this sends git's receive-pack request itself (its objects packed by isomorphic-git's packObjects) and asks
 * for `atomic` whenever the server offers it (git http-backend, GitHub, GitLab and Gitea do).
 */

export const ZERO_OID = '0000000000000000000000000000000000000000';

export interface RefUpdate {
  readonly ref: string;
  /** What the ref must hold for the update to apply: ZERO_OID for a ref that must not exist yet. */
  readonly old: string;
  /** ZERO_OID deletes the ref. */
  readonly new: string;
}

export interface PushTarget {
  readonly url: string;
  /** A fresh object per call: isomorphic-git adds protocol headers to the one it is given. */
  readonly headers: () => Record<string, string>;
}

/** The refs and capabilities the server advertises for a push. */
export interface PushAdvertisement {
  readonly refs: ReadonlyMap<string, string>;
  readonly atomic: boolean;
}

/** Per ref: undefined when it was updated, else the server's reason. */
export type PushOutcome = ReadonlyMap<string, string | undefined>;

export async function advertisedForPush(target: PushTarget): Promise<PushAdvertisement> {
  const info = await git.getRemoteInfo2({ http, url: target.url, headers: target.headers(), forPush: true, protocolVersion: 1 });
  const refs = new Map((info.refs ?? []).map((r) => [r.ref, r.oid] as const));
  return { refs, atomic: info.capabilities.atomic === true };
}

/**
 * Sends the updates and the pack in one request. With `atomic` the server applies all of them or none; without,
 * each stands alone. Throws isomorphic-git's HttpError for an HTTP failure, so callers map it like any other.
 */
export async function sendUpdates(target: PushTarget, updates: readonly RefUpdate[], pack: Uint8Array | undefined, atomic: boolean): Promise<PushOutcome> {
  const capabilities = ['report-status', ...(atomic ? ['atomic'] : [])].join(' ');
  const commands = updates.map((u, i) => pktLine(`${u.old} ${u.new} ${u.ref}${i === 0 ? `\0${capabilities}` : ''}\n`));
  // A pack only when something is written: git refuses a pack with a delete-only request.
  const body = [...commands, Buffer.from('0000'), ...(pack && updates.some((u) => u.new !== ZERO_OID) ? [pack] : [])];
  const res = await http.request({
    url: `${target.url}/git-receive-pack`,
    method: 'POST',
    headers: { ...target.headers(), 'Content-Type': 'application/x-git-receive-pack-request', Accept: 'application/x-git-receive-pack-result' },
    // Chunks as they are (a Buffer is a Uint8Array): a copy of the pack would hold it in memory twice.
    body: (async function* () {
      yield* body;
    })(),
  });
  const chunks: Uint8Array[] = [];
  for await (const chunk of res.body ?? []) chunks.push(chunk);
  const response = Buffer.concat(chunks);
  if (res.statusCode !== 200) throw new git.Errors.HttpError(res.statusCode, res.statusMessage, response.toString('utf8', 0, 200));
  return parseReport(response, updates);
}

function pktLine(text: string): Buffer {
  const data = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from((data.length + 4).toString(16).padStart(4, '0')), data]);
}

/** git's report-status: `unpack ok`, then `ok <ref>` or `ng <ref> <reason>` per command. */
function parseReport(response: Buffer, updates: readonly RefUpdate[]): PushOutcome {
  const lines: string[] = [];
  for (let at = 0; at + 4 <= response.length; ) {
    const length = parseInt(response.toString('latin1', at, at + 4), 16);
    if (!Number.isFinite(length)) break;
    if (length < 4) {
      at += 4; // flush
      continue;
    }
    lines.push(response.toString('utf8', at + 4, at + length).replace(/\n$/, ''));
    at += length;
  }
  const unpack = lines.find((l) => l.startsWith('unpack '));
  if (unpack === undefined) throw new git.Errors.ParseError('a report-status answer', lines.join(' | ').slice(0, 200));
  const outcome = new Map<string, string | undefined>();
  for (const u of updates) outcome.set(u.ref, unpack === 'unpack ok' ? 'not reported' : unpack);
  for (const line of lines) {
    const [status, ref, ...reason] = line.split(' ');
    if (status === 'ok' && outcome.has(ref)) outcome.set(ref, undefined);
    else if (status === 'ng' && outcome.has(ref)) outcome.set(ref, reason.join(' ') || 'rejected');
  }
  return outcome;
}
