import { createHash, createHmac } from 'node:crypto';
import { invalidRequest } from '../../../../runtime';
import { CredentialsProvider, GitAuth } from './provider';

const HOST = /^git-codecommit(-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

/**
 * AWS CodeCommit's HTTPS authentication without Git credentials of an IAM user: a SigV4 signature over the
 * pseudo-request `GIT <path>` made with the handler's own credentials, in the form git-remote-codecommit uses
 * (user `<access key>%<session token>`, password `<timestamp>Z<signature>`).
 */
export const codeCommitProvider: CredentialsProvider = {
  async resolve(ctx, repository) {
    const match = HOST.exec(repository.host);
    if (!match) {
      throw invalidRequest(
        `Credentials.Provider: CodeCommit signs requests for git-codecommit.<region>.amazonaws.com only, and RepositoryUrl's host is '${repository.host}'`,
      );
    }
    return codeCommitAuth(ctx.clients.callerCredentials(), match[2], repository.host, repository.path, new Date());
  },
};

export function codeCommitAuth(
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  region: string,
  host: string,
  path: string,
  now: Date,
): GitAuth {
  const timestamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15); // 20261125T153000
  const date = timestamp.slice(0, 8);
  const scope = `${date}/${region}/codecommit/aws4_request`;
  const canonicalRequest = `GIT\n${path}\n\nhost:${host}\n\nhost\n`;
  const stringToSign = ['AWS4-HMAC-SHA256', timestamp, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, date), region), 'codecommit'), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  const username = credentials.sessionToken ? `${credentials.accessKeyId}%${credentials.sessionToken}` : credentials.accessKeyId;
  return { username, password: `${timestamp}Z${signature}` };
}
