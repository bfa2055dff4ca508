import { GetFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { createHash } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import { nativeProvider } from '../../../../local/engine/native';
import { inlineZip } from '../../../../local/engine/native/lambda-function';
import type { LocalFunction } from '../../../../local/lambda-endpoint';
import { startLambdaEndpoint } from '../../../../local/lambda-endpoint';
import { LOCAL_AWS } from '../../../../local/local-aws';
import { nativeEnvironment, stackName, TRUST_LAMBDA } from '../../../support/native-environment';

const served: Record<string, LocalFunction> = {};
const env = nativeEnvironment(served);
const fn = nativeProvider('AWS::Lambda::Function');
const role = nativeProvider('AWS::IAM::Role');

const CODE_V1 = "exports.handler = async (event) => ({ score: event.x * 2, version: 1 });";
const CODE_V2 = "exports.main = async (event) => ({ score: event.x * 3, version: 2 });";

let roleArn: string;
let roleId: string;
beforeAll(async () => {
  const created = await role.create({ stackName: stackName(), logicalId: 'FnRole', properties: { AssumeRolePolicyDocument: TRUST_LAMBDA } }, env);
  roleArn = created.attributes.Arn;
  roleId = created.physicalId;
});
afterAll(() => role.delete({ stackName: 's', logicalId: 'FnRole', physicalId: roleId, properties: {} }, env));

async function invoke(url: string, FunctionName: string, payload: unknown): Promise<unknown> {
  // The loopback endpoint runs the code; the local AWS (AWS_ENDPOINT_URL) only stores the function.
  const client = new LambdaClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials, endpoint: url });
  const out = await client.send(new InvokeCommand({ FunctionName, Payload: JSON.stringify(payload) }));
  return JSON.parse(Buffer.from(out.Payload!).toString());
}

describe('AWS::Lambda::Function', () => {
  test('inline Node.js code is stored zipped as <module>.js and runs through the loopback Lambda endpoint; update serves the new code', async () => {
    const stack = stackName();
    const before = { Role: roleArn, Runtime: 'nodejs22.x', Handler: 'index.handler', Timeout: 30, Code: { ZipFile: CODE_V1 } };
    const created = await fn.create({ stackName: stack, logicalId: 'Score', properties: before }, env);
    const name = created.physicalId;
    expect(name).toMatch(new RegExp(`^${stack}-Score-[A-Z0-9]{13}$`));
    expect(created.attributes.Arn).toBe(`arn:aws:lambda:us-east-1:123456789012:function:${name}`);

    const stored = await env.clients.lambda.send(new GetFunctionCommand({ FunctionName: name }));
    const zip = inlineZip('index', CODE_V1);
    expect(stored.Configuration!.CodeSha256).toBe(createHash('sha256').update(zip).digest('base64'));
    expect(Object.fromEntries(Object.entries(unzipSync(zip)).map(([file, bytes]) => [file, strFromU8(bytes)]))).toEqual({ 'index.js': CODE_V1 });

    const endpoint = await startLambdaEndpoint(served);
    try {
      expect(await invoke(endpoint.url, created.attributes.Arn, { x: 2 })).toEqual({ score: 4, version: 1 });
      const after = { ...before, Handler: 'app.main', Timeout: 60, Code: { ZipFile: CODE_V2 } };
      await fn.update({ stackName: stack, logicalId: 'Score', physicalId: name, properties: after, previousProperties: before }, env);
      expect(await invoke(endpoint.url, name, { x: 2 })).toEqual({ score: 6, version: 2 });
      const configuration = await env.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
      expect(configuration).toMatchObject({ Handler: 'app.main', Timeout: 60 });

      await fn.delete({ stackName: stack, logicalId: 'Score', physicalId: name, properties: after }, env);
      expect(served[name]).toBeUndefined();
      await expect(env.clients.lambda.send(new GetFunctionCommand({ FunctionName: name }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    } finally {
      await endpoint.close();
    }
  });

  test('inline code on a runtime other than Node.js, or no code at all, is refused naming the property before anything is created', async () => {
    const create = (properties: Record<string, unknown>) => fn.create({ stackName: stackName(), logicalId: 'Py', properties: { Role: roleArn, ...properties } }, env);
    await expect(create({ Runtime: 'python3.12', Handler: 'index.handler', Code: { ZipFile: 'def handler(e, c): return 1' } })).rejects.toThrow(
      'Py (AWS::Lambda::Function): Runtime: inline code (Code.ZipFile) runs locally only on a Node.js runtime, not python3.12',
    );
    await expect(create({ Runtime: 'nodejs22.x', Code: {} })).rejects.toThrow('Py (AWS::Lambda::Function): Code: set ZipFile, ImageUri, or S3Bucket with S3Key');
  });

  test('inline code that does not export the handler fails naming Code.ZipFile, and no function is left', async () => {
    const FunctionName = `${stackName()}-no-handler`;
    const properties = { FunctionName, Role: roleArn, Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: 'exports.other = async () => 1;' } };
    await expect(fn.create({ stackName: stackName(), logicalId: 'NoHandler', properties }, env)).rejects.toThrow(
      'NoHandler (AWS::Lambda::Function): Code.ZipFile: load inline code: Error: index.js exports no function handler',
    );
    await expect(env.clients.lambda.send(new GetFunctionCommand({ FunctionName }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(served[FunctionName]).toBeUndefined();
  });
});
