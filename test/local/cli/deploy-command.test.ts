import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../local/cli/program';
import { StackOperationRefused } from '../../../local/engine/deploy/stack-operations';
import { FakeEngine } from './fake-engine';
import { memoryIo } from './memory-io';

const TEMPLATE = `Parameters:
  Stage: { Type: String, Default: dev }
Resources:
  Data:
    Type: AWS::S3::Bucket
  Train:
    Type: Orch::StepFunctions::Task
    Properties:
      StateMachineArn: arn:aws:states:us-east-1:123456789012:stateMachine:train
Outputs:
  BucketName:
    Value: research-data
    Export: { Name: research-bucket }
  Accuracy:
    Value: "0.91"
`;

describe('orch deploy (with a fake engine)', () => {
  let dir: string;
  let engine: FakeEngine;
  const run = (args: string[], io = memoryIo()) => runCli(args, io.io, () => engine).then((code) => ({ code, ...io.written }));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'orch-deploy-'));
    writeFileSync(join(dir, 'stack.yaml'), TEMPLATE);
    writeFileSync(join(dir, 'broken.yaml'), TEMPLATE.replace('StateMachineArn:', 'StateMachineArm:'));
    engine = new FakeEngine(join(dir, '.orch'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one aligned plain line per event when stdout is not a terminal, then the outputs; exit 0', async () => {
    const result = await run(['deploy', join(dir, 'stack.yaml'), '--stack', 'research']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        '2026-12-01T15:00:00.000Z  research  AWS::CloudFormation::Stack  CREATE_IN_PROGRESS',
        '2026-12-01T15:00:01.000Z  Data      AWS::S3::Bucket             CREATE_IN_PROGRESS',
        '2026-12-01T15:00:02.000Z  Data      AWS::S3::Bucket             CREATE_COMPLETE',
        '2026-12-01T15:00:03.000Z  Train     Orch::StepFunctions::Task   CREATE_IN_PROGRESS',
        '2026-12-01T15:00:04.000Z  Train     Orch::StepFunctions::Task   CREATE_COMPLETE',
        '2026-12-01T15:00:05.000Z  research  AWS::CloudFormation::Stack  CREATE_COMPLETE',
        '',
        'Outputs of research:',
        'Output      Value          Export',
        'BucketName  research-data  research-bucket',
        'Accuracy    0.91',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('orch deploy: stack research, AWS from the fake\n');
    expect([engine.sessionsOpened, engine.sessionsClosed]).toEqual([1, 1]);
  });

  it('updates when the stack exists', async () => {
    await run(['deploy', join(dir, 'stack.yaml'), '--stack', 'research']);
    const second = await run(['deploy', join(dir, 'stack.yaml'), '--stack', 'research', '--json']);
    expect([second.code, JSON.parse(second.stdout).Status]).toEqual([0, 'UPDATE_COMPLETE']);
  });

  it('prints only one JSON document on stdout with --json, the events going to stderr', async () => {
    const result = await run(['deploy', join(dir, 'stack.yaml'), '--stack', 'research', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      StackName: 'research',
      StackId: 'fake/research',
      Status: 'CREATE_COMPLETE',
      Outputs: { BucketName: 'research-data', Accuracy: '0.91' },
      Exports: { 'research-bucket': 'research-data' },
      Resources: {
        Data: { Type: 'AWS::S3::Bucket', PhysicalId: 'research-data', Attributes: { Arn: 'arn:fake:Data' } },
        Train: { Type: 'Orch::StepFunctions::Task', PhysicalId: 'research-train', Attributes: { Arn: 'arn:fake:Train' } },
      },
    });
    expect(result.stderr.split('\n').filter((l) => l.includes('CREATE_COMPLETE'))).toHaveLength(3);
  });

  it('exits 1 after a rollback, naming the first failure; --json still prints the final state', async () => {
    engine.behaviour = { failing: { logicalId: 'Train', reason: 'execution FAILED: States.TaskFailed (Cause: no data)' } };
    const plain = await run(['deploy', join(dir, 'stack.yaml'), '--stack', 'research']);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('Train     Orch::StepFunctions::Task   CREATE_FAILED  execution FAILED: States.TaskFailed (Cause: no data)\n');
    expect(plain.stdout).not.toContain('Outputs of');
    expect(plain.stderr).toContain('orch deploy: stack research ended ROLLBACK_COMPLETE: Train: execution FAILED: States.TaskFailed (Cause: no data)\n');

    engine.records.clear();
    const json = await run(['deploy', join(dir, 'stack.yaml'), '--stack', 'research', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ Status: 'ROLLBACK_COMPLETE', StatusReason: 'Train: execution FAILED: States.TaskFailed (Cause: no data)', Resources: {} });
  });

  it('validates first: errors at file:line:col, exit 1, and the engine never starts', async () => {
    const file = join(dir, 'broken.yaml');
    const result = await run(['deploy', file, '--stack', 'research']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        `${file}:8:5: Resources.Train.Properties: Orch::StepFunctions::Task requires one of StateMachineArn or FollowExecutionArn`,
        `${file}:9:7: Resources.Train.Properties.StateMachineArm: unknown property of Orch::StepFunctions::Task (did you mean StateMachineArn?)`,
        `orch deploy: ${file}: 2 errors, nothing deployed`,
        '',
      ].join('\n'),
    });
    expect([engine.sessionsOpened, engine.deploys]).toEqual([0, []]);
  });

  it('passes parameters from --parameters-file and --parameters (the command line wins), and the other options', async () => {
    writeFileSync(join(dir, 'params.json'), JSON.stringify([{ ParameterKey: 'Stage', ParameterValue: 'prod' }, { ParameterKey: 'Size', ParameterValue: 3 }]));
    const args = ['deploy', join(dir, 'stack.yaml'), '--stack', 'research', '--parameters-file', join(dir, 'params.json')];
    await run([...args, '--concurrency', '1', '--disable-rollback', '--parameters', 'Stage=test', 'Query=a=b&c=d']);
    expect(engine.deploys[0]).toMatchObject({
      stackName: 'research',
      templateFile: join(dir, 'stack.yaml'),
      parameters: { Stage: 'test', Size: '3', Query: 'a=b&c=d' },
      concurrency: 1,
      disableRollback: true,
    });
    writeFileSync(join(dir, 'params.json'), JSON.stringify({ Stage: 'prod' }));
    await run(args);
    expect(engine.deploys[1]).toMatchObject({ parameters: { Stage: 'prod' }, disableRollback: false });
    expect(engine.deploys[1].concurrency).toBeUndefined();
  });

  it('exits 2 on usage errors, saying which', async () => {
    const file = join(dir, 'stack.yaml');
    const cases: Array<[string[], string]> = [
      [['deploy', file, '--stack', 'research', '--parameters', 'Stage'], "orch deploy: --parameters: 'Stage' is not KEY=VALUE (put the template before --parameters, or use --parameters-file)"],
      [['deploy', file, '--stack', '1st_stack'], "orch deploy: --stack: '1st_stack' is not a stack name (a letter, then letters, digits and hyphens, at most 128)"],
      [['deploy', file, '--stack', 'research', '--concurrency', '0'], "orch deploy: --concurrency: '0' is not a whole number of at least 1"],
      [['deploy', join(dir, 'nope.yaml'), '--stack', 'research'], `orch deploy: cannot read ${join(dir, 'nope.yaml')} (ENOENT)`],
      [['deploy', file, '--stack', 'research', '--parameters-file', join(dir, 'stack.yaml')], `orch deploy: --parameters-file: ${join(dir, 'stack.yaml')} is not JSON`],
      [['deploy', file], "error: required option '--stack <name>' not specified"],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect([result.code, result.stderr.split('\n')[0].slice(0, message.length)]).toEqual([2, message]);
    }
    expect(engine.deploys).toEqual([]);
  });

  it('exits 2 with what to do when there is no local AWS', async () => {
    engine.behaviour = { noLocalAws: true };
    const result = await run(['deploy', join(dir, 'stack.yaml'), '--stack', 'research']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'orch deploy: no local AWS to deploy to: run `orch up`\n' });
  });

  it('exits 3 when the engine refuses (a deploy already running), 1 when its refusal lists template problems', async () => {
    engine.behaviour = { refuse: new StackOperationRefused('stack research is being deployed by process 4242 (deploy.lock): wait for it to end', [], 'locked') };
    const locked = await run(['deploy', join(dir, 'stack.yaml'), '--stack', 'research']);
    expect(locked).toEqual({
      code: 3,
      stdout: '',
      stderr: 'orch deploy: stack research, AWS from the fake\norch deploy: stack research is being deployed by process 4242 (deploy.lock): wait for it to end\n',
    });
    expect(engine.sessionsClosed).toBe(1);

    // The executor's refusals carry their problems, the lock's too: the message is printed once.
    const locked2 = 'stack research is locked: an orch deploy started at 2026-12-01T15:00:00.000Z is running as process 4242; wait for it to end';
    engine.behaviour = { refuse: new StackOperationRefused(locked2, [locked2], 'locked') };
    expect((await run(['deploy', join(dir, 'stack.yaml'), '--stack', 'research'])).stderr.split('\n').slice(1)).toEqual([`orch deploy: ${locked2}`, '']);
    const inUse = 'stack.yaml: Outputs: Cannot update export research-bucket: it is in use by stack consumer (Fn::ImportValue), and this template no longer exports it';
    engine.behaviour = { refuse: new StackOperationRefused(inUse, [inUse], 'in-use') };
    expect((await run(['deploy', join(dir, 'stack.yaml'), '--stack', 'research'])).code).toBe(3);
    engine.behaviour = { refuse: new StackOperationRefused('stack research is DELETE_FAILED: run orch delete --stack research again', [], 'state') };
    expect((await run(['deploy', join(dir, 'stack.yaml'), '--stack', 'research'])).code).toBe(3);

    engine.behaviour = { refuse: new StackOperationRefused('stack.yaml: 1 error', ['stack.yaml:3:5: Parameters.Stage: not one of AllowedValues'], 'invalid') };
    const invalid = await run(['deploy', join(dir, 'stack.yaml'), '--stack', 'research']);
    expect([invalid.code, invalid.stderr.split('\n').slice(1, 3)]).toEqual([1, ['orch deploy: stack.yaml: 1 error', 'stack.yaml:3:5: Parameters.Stage: not one of AllowedValues']]);
  });

  it('lists the exit codes in --help', async () => {
    const help = await run(['deploy', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit 0 when the stack ends CREATE_COMPLETE or UPDATE_COMPLETE, 1 after a rollback\n');
    expect(help.stdout).toContain('3 when refused (another deploy runs on the stack, an export in use), 130 on\n');
    const top = await run(['--help']);
    expect(top.stdout).toContain('Exit codes: 0 success; 1 invalid template, or the operation failed (after a\nrollback); 2 usage error');
    // What the top-level help says of each exit code fits an 80-column terminal.
    expect(Math.max(...top.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(top.stdout).toMatch(/deploy \[options\] <template>/);
  });
});
