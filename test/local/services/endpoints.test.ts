import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inlineZip } from '../../../local/engine/native/lambda-function';
import { startGitServer } from '../../../local/git-server';
import { startLambdaEndpoint } from '../../../local/lambda-endpoint';
import { freePort, LOCAL_AWS } from '../../../local/local-aws';
import { gitCli } from '../../../local/process';

const lambdaAt = (endpoint: string) => new LambdaClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials, endpoint, maxAttempts: 1 });

describe('Lambda endpoint with an upstream', () => {
  test('a served function runs here, while the configuration of a stored one comes from the upstream', async () => {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const role = await new IAMClient({ region: LOCAL_AWS.region }).send(new CreateRoleCommand({ RoleName: `ep-${Date.now()}`, AssumeRolePolicyDocument: JSON.stringify(trust) }));
    const FunctionName = `served-${Date.now()}`;
    const endpoint = await startLambdaEndpoint((name) => (name === FunctionName ? { handler: async (e: { x: number }) => ({ doubled: e.x * 2 }) } : undefined), { upstream: process.env.AWS_ENDPOINT_URL });
    try {
      const lambda = lambdaAt(endpoint.url);
      await lambda.send(new CreateFunctionCommand({ FunctionName, Role: role.Role!.Arn!, Runtime: 'nodejs22.x', Handler: 'index.handler', Timeout: 77, Code: { ZipFile: inlineZip('index', '') } }));
      expect(await lambda.send(new GetFunctionConfigurationCommand({ FunctionName }))).toMatchObject({ Timeout: 77, Handler: 'index.handler' });
      const out = await lambda.send(new InvokeCommand({ FunctionName, Payload: JSON.stringify({ x: 4 }) }));
      expect(JSON.parse(Buffer.from(out.Payload!).toString())).toEqual({ doubled: 8 });
      expect(endpoint.invocations.map((i) => i.functionName)).toEqual([FunctionName]);
      const queued = await lambda.send(new InvokeCommand({ FunctionName, InvocationType: 'Event', Payload: JSON.stringify({ x: 1 }) }));
      const dryRun = await lambda.send(new InvokeCommand({ FunctionName, InvocationType: 'DryRun', Payload: '{}' }));
      expect([queued.StatusCode, dryRun.StatusCode]).toEqual([202, 204]);
      expect(endpoint.invocations.map((i) => i.payload)).toEqual([{ x: 4 }, { x: 1 }]);

      // Stored upstream without inline code served here: a function error saying why, not moto's Docker error as a result.
      const stored = `stored-${Date.now()}`;
      await lambda.send(new CreateFunctionCommand({ FunctionName: stored, Role: role.Role!.Arn!, Runtime: 'python3.12', Handler: 'index.handler', Code: { ZipFile: inlineZip('index', '') } }));
      const refused = await lambda.send(new InvokeCommand({ FunctionName: stored, Payload: '{}' }));
      expect({ error: refused.FunctionError, body: JSON.parse(Buffer.from(refused.Payload!).toString()) }).toEqual({
        error: 'Unhandled',
        body: { errorType: 'Orch.NotRunnableLocally', errorMessage: `${stored} is stored in the local AWS, but only a function with inline Node.js code (Code.ZipFile) runs locally` },
      });
      await expect(lambda.send(new InvokeCommand({ FunctionName: 'nowhere', Payload: '{}' }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nowhere',
      });
    } finally {
      await endpoint.close();
    }
  });

  test('an upstream that does not answer is a ServiceException naming it', async () => {
    const upstream = `http://127.0.0.1:${await freePort()}`;
    const endpoint = await startLambdaEndpoint({}, { upstream });
    try {
      await expect(lambdaAt(endpoint.url).send(new GetFunctionConfigurationCommand({ FunctionName: 'any' }))).rejects.toMatchObject({
        name: 'ServiceException',
        message: expect.stringContaining(`the Lambda API at ${upstream} did not answer: connect ECONNREFUSED`),
      });
    } finally {
      await endpoint.close();
    }
  });
});

describe('git server creating repositories', () => {
  let root: string;
  beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'orch-git-create-'))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('an authenticated first request creates an empty bare repository on branch main; names with dot segments are not created', async () => {
    const server = await startGitServer({ root, username: 'u', password: 'p', createRepositories: true });
    try {
      const authed = server.url.replace('http://', 'http://u:p@');
      // Two first requests at once share one init.
      await Promise.all([gitCli(['ls-remote', `${authed}/team/data.git`], root), gitCli(['ls-remote', `${authed}/team/data.git`], root)]);
      expect((await gitCli(['symbolic-ref', 'HEAD'], join(root, 'team', 'data.git'))).trim()).toBe('refs/heads/main');
      await expect(gitCli(['ls-remote', `${authed}/.hidden.git`], root)).rejects.toThrow();
      expect(existsSync(join(root, '.hidden.git'))).toBe(false);
      const anonymous = await fetch(`${server.url}/other.git/info/refs?service=git-upload-pack`);
      expect(anonymous.status).toBe(401);
      expect(existsSync(join(root, 'other.git'))).toBe(false);
    } finally {
      await server.close();
    }
  });
});
