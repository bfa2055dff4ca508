import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeScopes, parseScopes, partitionOf, readScopesFile, roleParameters } from '../../tools/register/scopes';
import { typeFolders } from '../../tools/type-folders';

const types = typeFolders();
const type = (name: string) => types.find((t) => t.schema.typeName === name)!;
const parse = (json: unknown) => parseScopes(json, 'orch-scopes.json', types, 'aws');

describe('the scopes file of npm run register', () => {
  test('lists become the role parameters; S3 pairs become object and bucket ARNs; the git URLs the type configuration', () => {
    const scopes = parse({
      'Orch::S3::FileReader': { S3: [{ Bucket: 'configs', Prefix: 'app/' }, { Bucket: 'configs', Prefix: 'shared/' }, { Bucket: 'logs-*' }] },
      'Orch::Git::CommitFromS3': { SecretArns: ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:git/*'], AllowedRepositoryUrls: ['https://github.com/my-org/*'] },
    });
    expect(roleParameters(type('Orch::S3::FileReader'), scopes)).toEqual({
      S3ObjectArns: ['arn:aws:s3:::configs/app/*', 'arn:aws:s3:::configs/shared/*', 'arn:aws:s3:::logs-*/*'],
      S3BucketArns: ['arn:aws:s3:::configs', 'arn:aws:s3:::logs-*'],
    });
    expect(roleParameters(type('Orch::Git::CommitFromS3'), scopes)).toEqual({
      S3ObjectArns: [],
      S3BucketArns: [],
      SecretArns: ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:git/*'],
      CodeCommitRepositoryArns: [],
    });
    expect(scopes.get('Orch::Git::CommitFromS3')!.typeConfiguration).toEqual({ AllowedRepositoryUrls: ['https://github.com/my-org/*'] });
    // A type the file does not name: every parameter empty, which grants nothing beyond the records.
    expect(roleParameters(type('Orch::Lambda::Task'), scopes)).toEqual({ FunctionArns: [] });
    expect(describeScopes(type('Orch::Lambda::Task'), scopes)).toEqual(['no scopes given: the execution role reaches the task records only']);
    expect(describeScopes(type('Orch::Git::CommitFromS3'), scopes)).toEqual([
      'SecretArns: arn:aws:secretsmanager:eu-west-1:123456789012:secret:git/*',
      'type configuration: {"AllowedRepositoryUrls":["https://github.com/my-org/*"]}',
    ]);
  });

  test('the partition follows the region, for the S3 ARNs', () => {
    expect([partitionOf('eu-west-1'), partitionOf('cn-north-1'), partitionOf('us-gov-west-1'), partitionOf(undefined)]).toEqual(['aws', 'aws-cn', 'aws-us-gov', 'aws']);
    const scopes = parseScopes({ 'Orch::S3::MetadataReader': { S3: [{ Bucket: 'b', Prefix: 'p/' }] } }, 'f', types, 'aws-cn');
    expect(roleParameters(type('Orch::S3::MetadataReader'), scopes).S3ObjectArns).toEqual(['arn:aws-cn:s3:::b/p/*']);
  });

  test.each([
    [[], /^orch-scopes\.json: \(top level\): must be an object keyed by type name/],
    [{ 'Orch::Nope::Thing': {} }, /^orch-scopes\.json: Orch::Nope::Thing: not a type being registered; known: .*Orch::Lambda::Task/],
    [{ 'Orch::Lambda::Task': { StateMachineArns: [] } }, /^orch-scopes\.json: Orch::Lambda::Task\.StateMachineArns: not a scope of Orch::Lambda::Task; it takes FunctionArns$/],
    [{ 'Orch::Lambda::Task': { FunctionArns: 'arn:aws:lambda:eu-west-1:123456789012:function:f' } }, /Orch::Lambda::Task\.FunctionArns: must be a list$/],
    [{ 'Orch::Lambda::Task': { FunctionArns: ['*'] } }, /Orch::Lambda::Task\.FunctionArns\[0\]: "\*" is not of the form arn:<partition>:lambda:<region>:<account>:function:<name pattern> \(no version or alias\)$/],
    [
      { 'Orch::Lambda::Task': { FunctionArns: ['arn:aws:lambda:eu-west-1:123456789012:function:f', 'arn:aws:lambda:eu-west-1:123456789012:function:f:live'] } },
      /Orch::Lambda::Task\.FunctionArns\[1\]: "arn:aws:lambda:eu-west-1:123456789012:function:f:live" is not of the form/,
    ],
    [{ 'Orch::StepFunctions::Task': { StateMachineArns: ['arn:aws:states:eu-west-1:123456789012:execution:m:x'] } }, /StateMachineArns\[0\]: .* is not of the form .*:stateMachine:/],
    [{ 'Orch::S3::FileReader': { S3: [{ Bucket: 'Not_A_Bucket' }] } }, /Orch::S3::FileReader\.S3\[0\]\.Bucket: "Not_A_Bucket" is not a bucket name/],
    [{ 'Orch::S3::FileReader': { S3: [{ Bucket: 'b', Prefix: 'a*' }] } }, /Orch::S3::FileReader\.S3\[0\]\.Prefix: "a\*" must be a key prefix without , \* or \?/],
    [{ 'Orch::S3::FileReader': { S3: [{ Bucket: 'b', Key: 'k' }] } }, /Orch::S3::FileReader\.S3\[0\]: unknown key Key; a pair has Bucket and Prefix/],
    [{ 'Orch::S3::FileReader': { S3ObjectArns: [] } }, /S3ObjectArns: not a scope of Orch::S3::FileReader; it takes S3$/],
    [{ 'Orch::Git::CommitFromS3': { AllowedRepositoryUrls: ['ftp://example.com/x'] } }, /^orch-scopes\.json: Orch::Git::CommitFromS3\.AllowedRepositoryUrls\[0\]: "ftp:\/\/example\.com\/x" must match pattern/],
    [{ 'Orch::Git::CommitFromS3': { AllowedRepositoryUrls: 'https://github.com/my-org/*' } }, /Orch::Git::CommitFromS3\.AllowedRepositoryUrls: must be a list$/],
  ])('refuses %j, naming the entry', (json, message) => {
    expect(() => parse(json)).toThrow(message);
  });

  test('reads a file, and names it when it is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orch-scopes-'));
    try {
      const file = join(dir, 'orch-scopes.json');
      writeFileSync(file, JSON.stringify({ 'Orch::Lambda::Task': { FunctionArns: ['arn:aws:lambda:*:*:function:etl-*'] } }));
      expect(roleParameters(type('Orch::Lambda::Task'), readScopesFile(file, types, 'aws'))).toEqual({ FunctionArns: ['arn:aws:lambda:*:*:function:etl-*'] });
      writeFileSync(file, '{ nope');
      expect(() => readScopesFile(file, types, 'aws')).toThrow(new RegExp(`^${file}: .*JSON`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
