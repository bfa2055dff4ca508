import { resourceChange } from '../../local/engine/change';
import { TypeCatalog } from '../../local/engine/types/catalog';
import { concatenatedPages, plainAnswer, withParsedJson } from '../../resource-types/aws-call/src/answer';
import { nearest, resolveCall, serviceName } from '../../resource-types/aws-call/src/sdk-client';

describe('Orch::Aws::Call names', () => {
  test.each([['dynamodb'], ['DynamoDB'], ['client-dynamodb'], ['@aws-sdk/client-dynamodb']])('%s names the dynamodb client', (given) => {
    expect(serviceName(given)).toBe('dynamodb');
    expect(resolveCall('OnCreate', { Service: given, Action: 'putItem' })).toMatchObject({ service: 'dynamodb', action: 'PutItem' });
  });

  test('a v2-style name without the hyphen finds the hyphenated package', () => {
    expect(resolveCall('OnCreate', { Service: 'SecretsManager', Action: 'GetSecretValue' })).toMatchObject({ service: 'secrets-manager', action: 'GetSecretValue' });
  });

  test('nearest names come nearest first, case ignored, at most three', () => {
    expect(nearest('putitm', ['ListTables', 'GetItem', 'PutItem', 'UpdateItem', 'BatchWriteItem'])).toEqual(['PutItem', 'GetItem', 'UpdateItem']);
  });

  test('the paginator of an action is found when the client has one', () => {
    expect(resolveCall('OnCreate', { Service: 'ssm', Action: 'GetParametersByPath' }).paginator).toEqual(expect.any(Function));
    expect(resolveCall('OnCreate', { Service: 'ssm', Action: 'GetParameter' }).paginator).toBeUndefined();
  });
});

describe('Orch::Aws::Call answers', () => {
  test('binary fields and streams become text, dates ISO text, $metadata and undefined fields are left out', async () => {
    // The SDK's body mixin: what S3 GetObject's Body offers (the S3 test reads a real one from moto).
    const body = { transformToString: async (encoding?: string) => Buffer.from('{"a":1}').toString(encoding as BufferEncoding) };
    const answer = await plainAnswer({
      $metadata: { httpStatusCode: 200 },
      Body: body,
      Payload: new Uint8Array(Buffer.from('héllo')),
      Items: [{ When: new Date(Date.UTC(2026, 0, 2)), Missing: undefined }],
    });
    expect(answer).toEqual({ Body: '{"a":1}', Payload: 'héllo', Items: [{ When: '2026-01-02T00:00:00.000Z' }] });
  });

  test("pages concatenate their lists; other fields are the last page's, so the last page's missing token stays missing", () => {
    expect(concatenatedPages([{ Items: [1, 2], NextToken: 'a', Count: 2 }, { Items: [3], Count: 1 }])).toEqual({ Items: [1, 2, 3], Count: 1 });
  });

  test('ParseJson parses the text at each path and copies what it changes; a path that is not JSON text names itself', () => {
    const answer = { Parameter: { Value: '{"model":{"uri":"s3://m"}}' }, List: ['[1]'] };
    expect(withParsedJson(answer, ['Parameter.Value', 'List.0'], 'OnCreate.ParseJson', 'the answer')).toEqual({ Parameter: { Value: { model: { uri: 's3://m' } } }, List: [[1]] });
    expect(answer.Parameter.Value).toBe('{"model":{"uri":"s3://m"}}');
    expect(() => withParsedJson(answer, ['Parameter.Missing'], 'OnCreate.ParseJson', 'the answer')).toThrow("OnCreate.ParseJson: 'Parameter.Missing' in the answer is absent, so it holds no JSON to parse");
    expect(() => withParsedJson({ Body: 'plain' }, ['Body'], 'OnCreate.ParseJson', 'the answer')).toThrow(/'Body' in the answer is not JSON text \(it begins "plain"\)/);
  });
});

describe('Orch::Aws::Call replacement', () => {
  test('a new ResourceKey replaces the resource (create the new one, delete the old); a changed call updates in place', () => {
    const spec = TypeCatalog.load().get('Orch::Aws::Call');
    const call = { Service: 'ssm', Action: 'GetParameter', Parameters: { Name: '/a' } };
    const before = { type: 'Orch::Aws::Call', properties: { ResourceKey: 'a', OnCreate: call } };
    expect(resourceChange(before, { ...before, properties: { ResourceKey: 'b', OnCreate: call } }, spec)).toEqual({ kind: 'replace', changed: ['ResourceKey'], because: ['ResourceKey'] });
    expect(resourceChange(before, { ...before, properties: { ResourceKey: 'a', OnCreate: { ...call, Parameters: { Name: '/b' } } } }, spec)).toEqual({ kind: 'update', changed: ['OnCreate'] });
  });
});
