import { execFileSync } from 'node:child_process';
import { venvBin } from '../../local/python-env';
import { Clients } from '../../runtime/clients';
import { codeCommitAuth, codeCommitProvider } from '../../resource-types/git-commit-from-s3/src/credentials/codecommit';
import { repositoryLocation } from '../../resource-types/git-commit-from-s3/src/repository-url';

/**
 * CodeCommit's git HTTPS authentication, checked against botocore's SigV4 signer used the way git-remote-codecommit
 * uses it: the signature of the pseudo-request `GIT <path>` with only the host header.
 */

interface Case {
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  readonly region: string;
  readonly host: string;
  readonly path: string;
  /** '%Y%m%dT%H%M%S', without the Z. */
  readonly timestamp: string;
}

const BOTOCORE_SIGNATURES = `
import json, sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
out = []
for c in json.loads(sys.argv[1]):
    k = c['credentials']
    signer = SigV4Auth(Credentials(k['accessKeyId'], k['secretAccessKey'], k.get('sessionToken')), 'codecommit', c['region'])
    request = AWSRequest(method='GIT', url='https://' + c['host'] + c['path'])
    request.context['timestamp'] = c['timestamp']
    canonical_request = 'GIT\\n%s\\n\\nhost:%s\\n\\nhost\\n' % (c['path'], c['host'])
    out.append(signer.signature(signer.string_to_sign(request, canonical_request), request))
print(json.dumps(out))
`;

/** botocore's signature for each case, from one Python run. */
function botocoreSignatures(cases: readonly Case[]): string[] {
  return JSON.parse(execFileSync(venvBin('python'), ['-c', BOTOCORE_SIGNATURES, JSON.stringify(cases)], { encoding: 'utf8' }));
}

const KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const SESSION = { ...KEYS, accessKeyId: 'ASIAIOSFODNN7EXAMPLE', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJH+token=' };
const AT = new Date('2026-11-25T15:30:07.123Z');
const HOST = 'git-codecommit.eu-west-1.amazonaws.com';
const PATH = '/v1/repos/config';

describe('codeCommitAuth', () => {
  test.each([
    ['without a session token', KEYS, 'AKIAIOSFODNN7EXAMPLE'],
    ['with a session token', SESSION, `ASIAIOSFODNN7EXAMPLE%${SESSION.sessionToken}`],
  ])("%s: the password is botocore's SigV4 signature of GIT <path> for the fixed time", (_what, credentials, username) => {
    const auth = codeCommitAuth(credentials, 'eu-west-1', HOST, PATH, AT);
    const [signature] = botocoreSignatures([{ credentials, region: 'eu-west-1', host: HOST, path: PATH, timestamp: '20261125T153007' }]);

    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(auth).toEqual({ username, password: `20261125T153007Z${signature}` });
  });

  test('the session token is in the user name only: it does not change the signature', () => {
    expect(codeCommitAuth(SESSION, 'eu-west-1', HOST, PATH, AT).password).toBe(codeCommitAuth({ ...KEYS, accessKeyId: SESSION.accessKeyId }, 'eu-west-1', HOST, PATH, AT).password);
  });
});

describe('codeCommitProvider', () => {
  const ctx = { clients: new Clients(SESSION, 'us-east-1'), props: {} };
  const resolve = (url: string) => codeCommitProvider.resolve(ctx, repositoryLocation(url, false), { Provider: 'CodeCommit' });

  test("signs with the region of the git-codecommit host (not the handler's), including FIPS and China endpoints", async () => {
    const urls: Array<[string, string]> = [
      ['https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/config', 'eu-west-1'],
      ['https://git-codecommit-fips.us-gov-west-1.amazonaws.com/v1/repos/config', 'us-gov-west-1'],
      ['https://git-codecommit.cn-north-1.amazonaws.com.cn/v1/repos/config-cn', 'cn-north-1'],
    ];
    const cases: Case[] = [];
    const auths: Array<{ username: string; password: string }> = [];
    for (const [url, region] of urls) {
      const auth = await resolve(url);
      const { host, pathname } = new URL(url);
      cases.push({ credentials: SESSION, region, host, path: pathname, timestamp: auth.password.slice(0, 15) });
      auths.push(auth);
    }
    const signatures = botocoreSignatures(cases);

    for (const [i, auth] of auths.entries()) {
      expect(auth.username).toBe(`${SESSION.accessKeyId}%${SESSION.sessionToken}`);
      expect(auth.password).toBe(`${cases[i].timestamp}Z${signatures[i]}`);
    }
  });

  test('refuses a host that is not CodeCommit with InvalidRequest naming Credentials.Provider', async () => {
    await expect(resolve('https://github.com/org/config.git')).rejects.toMatchObject({
      errorCode: 'InvalidRequest',
      message: expect.stringMatching(/^Credentials\.Provider: .*'github\.com'/),
    });
  });
});
