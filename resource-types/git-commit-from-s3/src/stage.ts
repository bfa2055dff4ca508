import { createHash } from 'node:crypto';
import fs from 'node:fs';
import git from 'isomorphic-git';
import type { PublishOptions } from './publish';
import { OutOfTime } from './out-of-time';
import { Repo } from './tree-edit';

const READ_CONCURRENCY = 8;

/**
 * Reads the files from S3 and writes, as blobs, those that differ from the base; returns every file's blob id.
 * A few reads run at once: S3 answers each with latency, and git's hashing and compression take turns with them.
 */
export async function stage(repo: Repo, options: PublishOptions, base: string | undefined): Promise<Map<string, string>> {
  const known = new Set<string>();
  if (base) {
    // Blobs already in the fetched head need not be written again; a hash of the content finds them.
    await git.walk({ fs, gitdir: repo.gitdir, cache: repo.cache, trees: [git.TREE({ ref: base })], map: async (_path, [entry]) => {
      if (entry && (await entry.type()) === 'blob') known.add(await entry.oid());
      return undefined;
    } });
  }
  const staged = new Map<string, string>();
  const queue = [...options.files];
  // Once one read fails, publish() returns and removes the scratch repository while the other readers are still
  // awaiting theirs: they must then neither read the rest of the queue (after the invocation ended) nor write blobs,
  // which would re-create the removed folder in /tmp.
  let failed = false;
  const worker = async () => {
    try {
      for (let file = queue.shift(); file && !failed; file = queue.shift()) {
        if (Date.now() > options.deadline) throw new OutOfTime();
        const content = await options.read(file);
        if (failed) return;
        let oid = blobId(content);
        if (!known.has(oid)) oid = await git.writeBlob({ fs, gitdir: repo.gitdir, blob: content });
        staged.set(file.path, oid);
      }
    } catch (err) {
      failed = true;
      throw err;
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
  return staged;
}

/** git's object id of a blob: sha1 over `blob <length>\0` and the content. */
export function blobId(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

