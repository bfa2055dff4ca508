import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TypeCatalog } from '../../../local/engine/types/catalog';

const catalog = TypeCatalog.load();

describe('the type catalog', () => {
  it('reads each Orch type from its schema: read-only properties, create-only ones, per-action timeouts', () => {
    const task = catalog.get('Orch::StepFunctions::Task');
    expect(task.kind).toBe('orch');
    const schema = JSON.parse(readFileSync(join(__dirname, '../../../resource-types/stepfunctions-task/orch-stepfunctions-task.json'), 'utf8'));
    expect(task.readOnlyProperties).toEqual(schema.readOnlyProperties.map((pointer: string) => pointer.replace('/properties/', '')));
    expect(task.readOnlyProperties).toEqual(expect.arrayContaining(['Id', 'ExecutionArn', 'Status', 'Output', 'Outputs']));
    expect(task.createOnlyProperties).toEqual([]);
    expect(task.timeoutInMinutes).toEqual({ create: 2160, update: 2160 });
    expect(Object.keys(task.propertiesSchema.properties as object)).not.toContain('Status');
  });

  it('knows which GetAtt attributes exist, down the Output tree and up to its depth', () => {
    const task = catalog.get('Orch::StepFunctions::Task');
    const deep = (n: number) => `Output.${Array.from({ length: n }, (_, i) => `k${i}`).join('.')}`;
    expect(task.checkAttribute('ExecutionArn', {})).toBeUndefined();
    expect(task.checkAttribute(deep(8), {})).toBeUndefined();
    expect(task.checkAttribute(deep(9), {})).toBe('Output.k0.k1.k2.k3.k4.k5.k6.k7 holds a single value, not keys (so Output.k0.k1.k2.k3.k4.k5.k6.k7.k8 does not exist)');
    expect(task.checkAttribute('Outputs.Score', { Expose: { 'Fn::If': ['C', { Score: 's' }, {}] } })).toBeUndefined();
    expect(task.checkAttribute('Outputs.Not-A-Name', { Expose: {} })).toBe('Outputs holds names matching ^[A-Za-z0-9]{1,64}$, so Outputs.Not-A-Name does not exist');
    expect(task.checkAttribute('Outputs.A.B', { Expose: { A: 'a' } })).toBe('Outputs holds names matching ^[A-Za-z0-9]{1,64}$, so Outputs.A.B does not exist');
    expect(task.checkAttribute(`Output.${'k'.repeat(257)}`, {})).toBe(`'${'k'.repeat(257)}' cannot be a key of Output (keys match ^.{1,256}$)`);
    expect(task.checkAttribute('Outputs', {})).toBeUndefined();
    expect(catalog.get('Orch::S3::MetadataReader').checkAttribute('Metadata.model-version', {})).toBeUndefined();
  });

  it('types attributes where the schema does', () => {
    const git = catalog.get('Orch::Git::CommitFromS3');
    expect(git.attributeType('FilesAdded')).toBe('integer');
    expect(git.attributeType('CommitSha')).toBe('string');
    expect(catalog.get('Orch::Lambda::Task').attributeType('Outputs.Anything')).toBe('string');
    expect(catalog.get('Orch::Lambda::Task').attributeType('Output.a')).toBeUndefined();
  });

  it('gives the native types their required, create-only properties and attributes', () => {
    const bucket = catalog.get('AWS::S3::Bucket');
    expect(bucket.createOnlyProperties).toEqual(['BucketName', 'ObjectLockEnabled']);
    expect(bucket.checkAttribute('Arn', undefined)).toBeUndefined();
    expect(catalog.get('AWS::StepFunctions::StateMachine').createOnlyProperties).toEqual(['StateMachineName', 'StateMachineType']);
    expect(catalog.get('AWS::IAM::Role').propertiesSchema.required).toEqual(['AssumeRolePolicyDocument']);
    expect(catalog.get('AWS::Lambda::Function').propertiesSchema.required).toEqual(['Code', 'Role']);
    expect(catalog.get('AWS::SSM::Parameter').propertiesSchema.required).toEqual(['Type', 'Value']);
    expect(catalog.get('AWS::SecretsManager::Secret').checkAttribute('Arn', undefined)).toBe('AWS::SecretsManager::Secret has no attribute Arn (it has Id)');
    expect(catalog.get('AWS::CDK::Metadata').checkAttribute('X', undefined)).toBe('AWS::CDK::Metadata has no attribute X');
  });

  it('refuses an unsupported type, naming it', () => {
    expect(catalog.tryGet('AWS::EC2::Instance')).toBeUndefined();
    expect(() => catalog.get('AWS::EC2::Instance')).toThrow(/^unsupported resource type AWS::EC2::Instance: the local engine creates Orch::Aws::Call, Orch::Git::CommitFromS3, /);
  });
});
