import { deleteStack, deployStack, readStack, StackOperationRefused } from '../../../../local/engine/deploy';
import { EngineFixture } from './engine-fixture';

const SHARED = `
Parameters:
  Prefix: { Type: String, Default: ml }
Resources:
  Data: { Type: Test::Fake::Thing, Properties: { Value: data } }
Outputs:
  DataArn:
    Value: !GetAtt Data.Arn
    Export: { Name: !Sub "\${Prefix}-data-arn" }
  Accuracy:
    Value: !GetAtt Data.Outputs.Accuracy
    Export: { Name: ml-accuracy }
`;

const CONSUMER = `
Resources:
  Reader: { Type: Test::Fake::Thing, Properties: { Value: !ImportValue ml-data-arn, Score: !ImportValue ml-accuracy } }
`;

describe('the executor: cross-stack exports', () => {
  let fixture: EngineFixture;
  beforeEach(() => (fixture = new EngineFixture()));
  afterEach(() => fixture.remove());

  async function refusal(run: Promise<unknown>): Promise<StackOperationRefused> {
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StackOperationRefused);
    return error as StackOperationRefused;
  }

  it('resolves Fn::ImportValue from another stack and records the import', async () => {
    const shared = await deployStack(fixture.deploy('shared', SHARED));
    expect(shared.outputs).toEqual({ DataArn: { value: `arn:fake:${shared.resources.Data.physicalId}`, exportName: 'ml-data-arn' }, Accuracy: { value: '0.91', exportName: 'ml-accuracy' } });
    const consumer = await deployStack(fixture.deploy('consumer', CONSUMER));
    expect(consumer.status).toBe('CREATE_COMPLETE');
    expect(fixture.cloud.only('Reader', 'create').properties).toEqual({ Value: `arn:fake:${shared.resources.Data.physicalId}`, Score: '0.91' });
    expect(readStack(fixture.stateDir, 'consumer')!.imports).toEqual(['ml-accuracy', 'ml-data-arn']);
  });

  it('refuses an import no stack exports, before anything is created', async () => {
    const error = await refusal(deployStack(fixture.deploy('consumer', CONSUMER)));
    expect(error.kind).toBe('invalid');
    const file = `${fixture.stateDir}/consumer-1.yaml`;
    expect(error.problems).toEqual([
      `${file}:3:52: Resources.Reader.Properties.Value: Fn::ImportValue: No export named ml-data-arn found (no stack in this state directory exports it)`,
      `${file}:3:85: Resources.Reader.Properties.Score: Fn::ImportValue: No export named ml-accuracy found (no stack in this state directory exports it)`,
    ]);
    expect(fixture.cloud.calls).toEqual([]);
    expect(readStack(fixture.stateDir, 'consumer')).toBeUndefined();
  });

  it('refuses deleting a stack whose export another stack imports, naming both', async () => {
    await deployStack(fixture.deploy('shared', SHARED));
    await deployStack(fixture.deploy('consumer', CONSUMER));
    const error = await refusal(deleteStack({ ...fixture.options(), stackName: 'shared' }));
    expect(error.kind).toBe('in-use');
    expect(error.problems).toEqual([
      'stack shared cannot be deleted: its export ml-accuracy is in use by stack consumer (Fn::ImportValue); delete or update consumer first',
      'stack shared cannot be deleted: its export ml-data-arn is in use by stack consumer (Fn::ImportValue); delete or update consumer first',
    ]);
    expect(readStack(fixture.stateDir, 'shared')!.status).toBe('CREATE_COMPLETE');
    expect(fixture.cloud.calls.filter((c) => c.action === 'delete')).toEqual([]);

    expect((await deleteStack({ ...fixture.options(), stackName: 'consumer' })).status).toBe('DELETE_COMPLETE');
    expect((await deleteStack({ ...fixture.options(), stackName: 'shared' })).status).toBe('DELETE_COMPLETE');
  });

  it('refuses an update that removes an imported export, and rolls back one that changes its value', async () => {
    await deployStack(fixture.deploy('shared', SHARED));
    await deployStack(fixture.deploy('consumer', CONSUMER));
    const calls = fixture.cloud.calls.length;

    const renamed = await refusal(deployStack(fixture.deploy('shared', SHARED, { parameters: { Prefix: 'team' } })));
    expect(renamed.kind).toBe('in-use');
    expect(renamed.problems).toEqual([
      `${fixture.stateDir}/shared-3.yaml: Outputs: Cannot update export ml-data-arn: it is in use by stack consumer (Fn::ImportValue), and this template no longer exports it`,
    ]);
    expect(fixture.cloud.calls.length).toBe(calls);

    // The value comes from a resource, so the change shows only once Data is replaced: the update rolls back.
    const replaced = await deployStack(fixture.deploy('shared', SHARED.replace('Properties: { Value: data }', 'Properties: { Name: data2, Value: data }')));
    expect(replaced.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(replaced.statusReason).toMatch(/^Cannot update export ml-data-arn: it is in use by stack consumer \(Fn::ImportValue\), and the update changes its value from "arn:fake:shared-Data-1" to "arn:fake:data2-\d+"$/);
    expect(readStack(fixture.stateDir, 'shared')!.outputs.DataArn.value).toBe('arn:fake:shared-Data-1');
    expect(fixture.cloud.liveNames()).toEqual(['Data', 'Reader']);
  });

  it('refuses exporting a name another stack exports', async () => {
    await deployStack(fixture.deploy('shared', SHARED));
    const error = await refusal(deployStack(fixture.deploy('copy', SHARED)));
    expect(error.kind).toBe('in-use');
    expect(error.problems).toEqual([
      `${fixture.stateDir}/copy-2.yaml: Outputs: Export with name ml-data-arn is already exported by stack shared`,
      `${fixture.stateDir}/copy-2.yaml: Outputs: Export with name ml-accuracy is already exported by stack shared`,
    ]);
    // Known only once Data exists: the create fails on it and rolls back.
    const computed = await deployStack(fixture.deploy('computed', `
Resources:
  Data: { Type: Test::Fake::Thing, Properties: { Value: data } }
Outputs:
  Accuracy: { Value: x, Export: { Name: !Join ["-", [ml, !GetAtt Data.Value]] } }
`.replace('Value: data', 'Value: accuracy')));
    expect(computed).toMatchObject({ status: 'ROLLBACK_COMPLETE', statusReason: 'Export with name ml-accuracy is already exported by stack shared' });
  });
});
