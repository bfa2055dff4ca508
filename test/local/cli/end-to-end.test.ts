import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListExecutionsCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { runCli } from '../../../local/cli/program';
import { memoryIo } from './memory-io';
import { orch } from './orch-bin';

// A native bucket, role and state machine, and an Orch task running the machine: the gate fails the execution when
// the reported accuracy is below MinAccuracy, which is how a test makes the task fail on demand.
const TEMPLATE = `Parameters:
  MinAccuracy: { Type: String, Default: "0.5" }
  WaitSeconds: { Type: Number, Default: 0 }
Resources:
  Data:
    Type: AWS::S3::Bucket
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Effect: Allow, Principal: { Service: states.amazonaws.com }, Action: sts:AssumeRole }
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !GetAtt Role.Arn
      Definition:
        StartAt: Train
        States:
          Train:
            Type: Pass
            Parameters:
              minAccuracy.$: States.StringToJson($.minAccuracy)
              waitSeconds.$: States.StringToJson($.waitSeconds)
              metrics: { accuracy: 0.9 }
            Next: Fit
          Fit:
            Type: Wait
            SecondsPath: $.waitSeconds
            Next: Gate
          Gate:
            Type: Choice
            Choices:
              - { Variable: $.metrics.accuracy, NumericGreaterThanEqualsPath: $.minAccuracy, Next: Done }
            Default: BelowThreshold
          BelowThreshold: { Type: Fail, Error: BelowThreshold, Cause: accuracy below MinAccuracy }
          Done: { Type: Succeed }
  Train:
    Type: Orch::StepFunctions::Task
    Properties:
      StateMachineArn: !Ref Machine
      Input:
        bucket: !Ref Data
        minAccuracy: !Ref MinAccuracy
        waitSeconds: !Ref WaitSeconds
      Expose:
        Accuracy: metrics.accuracy
Outputs:
  Accuracy:
    Value: !GetAtt Train.Outputs.Accuracy
    Export: { Name: !Sub "\${AWS::StackName}-Accuracy" }
  Bucket:
    Value: !Ref Data
`;

describe('orch commands end to end (the jest moto, real bundles)', () => {
  let dir: string;
  let stateDir: string;
  let template: string;
  const saved = process.env.ORCH_STATE_DIR;
  const run = async (args: string[]) => {
    const io = memoryIo({ env: { CI: 'true' } });
    const code = await runCli(args, io.io);
    return { code, ...io.written };
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'orch-e2e-'));
    stateDir = join(dir, '.orch');
    process.env.ORCH_STATE_DIR = stateDir;
    template = join(dir, 'train.yaml');
    writeFileSync(template, TEMPLATE);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.ORCH_STATE_DIR;
    else process.env.ORCH_STATE_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys, prints the outputs and the JSON state, lists, shows events and outputs, deletes', async () => {
    const deployed = await run(['deploy', template, '--stack', 'train-ok', '--json']);
    expect(deployed.stderr).not.toContain('FAILED');
    expect(deployed.code).toBe(0);
    const doc = JSON.parse(deployed.stdout);
    expect(doc).toMatchObject({ StackName: 'train-ok', Status: 'CREATE_COMPLETE', Outputs: { Accuracy: '0.9' }, Exports: { 'train-ok-Accuracy': '0.9' } });
    expect(Object.keys(doc.Resources).sort()).toEqual(['Data', 'Machine', 'Role', 'Train']);
    expect(doc.Resources.Train.Attributes.ExecutionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:/);
    // Each resource's events, in dependency order: the machine is complete before the task starts.
    const lines = deployed.stderr.split('\n');
    const at = (id: string, status: string) => lines.findIndex((l) => new RegExp(`  ${id} +\\S+ +${status}`).test(l));
    expect(at('Machine', 'CREATE_COMPLETE')).toBeLessThan(at('Train', 'CREATE_IN_PROGRESS'));
    expect(at('Train', 'CREATE_COMPLETE')).toBeGreaterThan(0);

    // An update with a new parameter value: only the task, whose input changed, runs again.
    const updated = await run(['deploy', template, '--stack', 'train-ok', '--parameters', 'MinAccuracy=0.6']);
    expect(updated.code).toBe(0);
    const touched = updated.stdout.split('\n').filter((l) => /UPDATE_/.test(l)).map((l) => l.split(/ +/)[1]);
    expect([...new Set(touched)]).toEqual(['train-ok', 'Train']);
    expect(updated.stdout).toMatch(/Outputs of train-ok:\nOutput +Value +Export\nAccuracy +0\.9 +train-ok-Accuracy\n/);

    const s3 = new S3Client({ forcePathStyle: true });
    await s3.send(new HeadBucketCommand({ Bucket: doc.Outputs.Bucket }));

    const outputs = await run(['outputs', '--stack', 'train-ok', '--json']);
    expect(JSON.parse(outputs.stdout)).toEqual({ Accuracy: '0.9', Bucket: doc.Outputs.Bucket });
    const list = await run(['list']);
    expect(list.stdout).toMatch(/^train-ok +UPDATE_COMPLETE +4 /m);
    const events = await run(['events', '--stack', 'train-ok']);
    expect(events.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\S+Z {2}train-ok {2}AWS::CloudFormation::Stack +UPDATE_COMPLETE$/);

    const deleted = await run(['delete', '--stack', 'train-ok']);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout.trimEnd().split('\n').at(-1)).toMatch(/train-ok {2}AWS::CloudFormation::Stack +DELETE_COMPLETE$/);
    await expect(s3.send(new HeadBucketCommand({ Bucket: doc.Outputs.Bucket }))).rejects.toThrow();
    expect((await run(['list', '--json'])).stdout.trim()).toBe('[]');
  });

  it('exits 1 after a rollback, naming the failed execution, and leaves nothing running', async () => {
    const failed = await run(['deploy', template, '--stack', 'train-low', '--parameters', 'MinAccuracy=0.95']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/ {2}Train +Orch::StepFunctions::Task +CREATE_FAILED {2}.*BelowThreshold/);
    expect(failed.stdout).toMatch(/train-low +AWS::CloudFormation::Stack +ROLLBACK_COMPLETE/);
    expect(failed.stderr).toMatch(/orch deploy: stack train-low ended ROLLBACK_COMPLETE: .*BelowThreshold/);
    const list = JSON.parse((await run(['list', '--json'])).stdout);
    expect(list.find((s: { StackName: string }) => s.StackName === 'train-low')).toMatchObject({ Status: 'ROLLBACK_COMPLETE', Resources: 0 });
    // Nothing left behind: no bucket of the stack, no execution running on any state machine of the local AWS.
    const buckets = await new S3Client({ forcePathStyle: true }).send(new ListBucketsCommand({}));
    expect((buckets.Buckets ?? []).map((b) => b.Name).filter((name) => name?.startsWith('train-low-'))).toEqual([]);
    const sfn = new SFNClient({});
    for (const machine of (await sfn.send(new ListStateMachinesCommand({}))).stateMachines ?? []) {
      const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn, statusFilter: 'RUNNING' }));
      expect(running.executions).toEqual([]);
    }
  });

  it('refuses a second deploy of a stack while one runs (exit 3, naming the pid), through the bin', async () => {
    const first = run(['deploy', template, '--stack', 'train-slow', '--parameters', 'WaitSeconds=12']);
    const lock = join(stateDir, 'stacks', 'train-slow', 'deploy.lock');
    // The first deploy holds the lock from its start: wait for the file, not for a time.
    while (!existsSync(lock)) await new Promise((r) => setTimeout(r, 50));
    const second = await orch(['deploy', template, '--stack', 'train-slow'], { env: { ORCH_STATE_DIR: stateDir, CI: 'true' } });
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(String(process.pid));
    expect((await first).code).toBe(0);
    expect((await run(['delete', '--stack', 'train-slow'])).code).toBe(0);
  });

  it("reads AWS::SSM::Parameter::Value parameters (CDK's BootstrapVersion) from the local AWS", async () => {
    const file = join(dir, 'cdk-like.yaml');
    const name = `/cdk-bootstrap/e2e${Date.now()}/version`;
    writeFileSync(
      file,
      `Parameters:\n  BootstrapVersion:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: ${name}\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\nOutputs:\n  Bootstrap:\n    Value: !Ref BootstrapVersion\n`,
    );
    const missing = await run(['deploy', file, '--stack', 'cdk-like']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(name);
    await new SSMClient({}).send(new PutParameterCommand({ Name: name, Value: '21', Type: 'String' }));
    const deployed = await run(['deploy', file, '--stack', 'cdk-like', '--json']);
    expect([deployed.code, JSON.parse(deployed.stdout).Outputs]).toEqual([0, { Bootstrap: '21' }]);
    expect((await run(['delete', '--stack', 'cdk-like'])).code).toBe(0);
  });

  it('runs through the bin from the template\'s own directory, with relative paths (the bundles built there too)', async () => {
    // A state directory of its own: the type's bundle is built by this process, whose working directory is not the repository.
    const env = { ORCH_STATE_DIR: '.orch-bin', CI: 'true' };
    const deployed = await orch(['deploy', 'train.yaml', '--stack', 'from-dir', '--json'], { cwd: dir, env });
    expect([deployed.code, JSON.parse(deployed.stdout || '{}').Status]).toEqual([0, 'CREATE_COMPLETE']);
    expect(existsSync(join(dir, '.orch-bin', 'stacks', 'from-dir', 'stack.json'))).toBe(true);
    expect((await orch(['delete', '--stack', 'from-dir'], { cwd: dir, env })).code).toBe(0);
  });

  it('says what to do without a local AWS (exit 2)', async () => {
    const env = { ORCH_STATE_DIR: join(dir, 'empty'), AWS_ENDPOINT_URL: '' };
    const result = await orch(['deploy', template, '--stack', 'nowhere'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('run `orch up`');
  });
});
