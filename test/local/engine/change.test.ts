import { resourceChange } from '../../../local/engine/change';
import { TypeCatalog } from '../../../local/engine/types/catalog';

const catalog = TypeCatalog.load();
const bucket = catalog.get('AWS::S3::Bucket');
const task = catalog.get('Orch::StepFunctions::Task');

describe('the change an update makes to a resource', () => {
  it('is nothing when the evaluated properties are equal, key order aside', () => {
    expect(resourceChange({ type: 'AWS::S3::Bucket', properties: { Tags: [{ Key: 'a', Value: 'b' }], BucketName: 'x' } }, { type: 'AWS::S3::Bucket', properties: { BucketName: 'x', Tags: [{ Value: 'b', Key: 'a' }] } }, bucket)).toEqual({ kind: 'none' });
  });

  it('updates in place when only mutable properties change', () => {
    expect(resourceChange({ type: 'AWS::S3::Bucket', properties: { BucketName: 'x' } }, { type: 'AWS::S3::Bucket', properties: { BucketName: 'x', VersioningConfiguration: { Status: 'Enabled' } } }, bucket)).toEqual({
      kind: 'update',
      changed: ['VersioningConfiguration'],
    });
    // Every Orch property is updatable: a new RunToken or Input runs the task again in place.
    expect(resourceChange({ type: task.typeName, properties: { StateMachineArn: 'a', RunToken: '1' } }, { type: task.typeName, properties: { StateMachineArn: 'b', RunToken: '2' } }, task)).toEqual({
      kind: 'update',
      changed: ['StateMachineArn', 'RunToken'],
    });
  });

  it('replaces when a create-only property or the type changes', () => {
    expect(resourceChange({ type: 'AWS::S3::Bucket', properties: { BucketName: 'x', Tags: [] } }, { type: 'AWS::S3::Bucket', properties: { BucketName: 'y' } }, bucket)).toEqual({
      kind: 'replace',
      changed: ['BucketName', 'Tags'],
      because: ['BucketName'],
    });
    expect(resourceChange({ type: 'AWS::SNS::Topic', properties: {} }, { type: 'AWS::S3::Bucket', properties: {} }, bucket)).toEqual({ kind: 'replace', changed: [], because: ['Type'] });
  });
});
