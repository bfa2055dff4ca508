import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitServer } from '../local/git-server';
import { initBareRepo } from '../local/process';

const REPOSITORIES_KEY = 'Orch::ContractGitRepositories';

export interface ContractGitServer {
  /** Values of the fixtures template's GitServerUrl, GitUsername and GitPassword parameters. */
  readonly parameters: Record<string, string>;
  /** The type configuration that allows pushing to this server (cfn test passes it in every request). */
  readonly typeConfiguration: { AllowedRepositoryUrls: string[] };
  close(): Promise<void>;
}

/**
 * For a fixtures template that lists repositories under `Metadata` `Orch::ContractGitRepositories`: a loopback
 * git server (local/git-server.ts) holding them as empty bare repositories, with fresh credentials. In a real
 * account the template's parameters name a real server and credentials instead.
 */
export async function startContractGitServer(fixturesFile: string): Promise<ContractGitServer | undefined> {
  const names: unknown = JSON.parse(readFileSync(fixturesFile, 'utf8')).Metadata?.[REPOSITORIES_KEY];
  if (!Array.isArray(names) || names.length === 0) return undefined;
  const root = mkdtempSync(join(tmpdir(), 'orch-contract-git-'));
  for (const name of names) await initBareRepo(root, String(name));
  const username = 'contract';
  const password = randomUUID();
  const server = await startGitServer({ root, username, password });
  return {
    parameters: { GitServerUrl: server.url, GitUsername: username, GitPassword: password },
    typeConfiguration: { AllowedRepositoryUrls: [`${server.url}/*`] },
    close: async () => {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
