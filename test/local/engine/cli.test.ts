import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orch as runOrch } from '../cli/orch-bin';

const orch = (args: string[], cwd: string) => runOrch(args, { cwd });

describe('orch validate (the bin)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'orch-cli-'));
    writeFileSync(
      join(dir, 'broken.yaml'),
      `Resources:
  Train:
    Type: Orch::StepFunctions::Task
    Properties:
      StateMachineArn: arn:aws:states:us-east-1:123456789012:stateMachine:train
      Inptu: {}
  Card:
    Type: Orch::S3::FileReader
    Properties:
      Bucket: !Ref Bukcet
      Key: !GetAtt Train.Outputs.Accuracy
`,
    );
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ Resources: { Data: { Type: 'AWS::S3::Bucket' } }, Outputs: { Name: { Value: { Ref: 'Data' } } } }));
    writeFileSync(join(dir, 'bad.yaml'), 'Resources:\n  A: !Base64 !Sub x\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one line per error with file, line, column and template path, and exits 1', async () => {
    const result = await orch(['validate', 'broken.yaml'], dir);
    expect(result).toEqual({
      code: 1,
      stdout: [
        'broken.yaml:6:7: Resources.Train.Properties.Inptu: unknown property of Orch::StepFunctions::Task (did you mean Input?)',
        'broken.yaml:10:7: Resources.Card.Properties.Bucket: Ref to Bukcet: no parameter or resource named Bukcet',
        'broken.yaml:11:7: Resources.Card.Properties.Key: Fn::GetAtt Train.Outputs.Accuracy: the resource has no Expose, so Outputs.Accuracy is never set: add Accuracy to Expose',
        '',
      ].join('\n'),
      stderr: 'broken.yaml: 3 errors\n',
    });
  });

  it('gives the same errors as one JSON document with --json', async () => {
    const result = await orch(['validate', '--json', 'broken.yaml'], dir);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.valid).toBe(false);
    expect(report.errors[0]).toEqual({
      file: 'broken.yaml',
      path: 'Resources.Train.Properties.Inptu',
      line: 6,
      column: 7,
      message: 'unknown property of Orch::StepFunctions::Task (did you mean Input?)',
    });
    expect(report.errors).toHaveLength(3);
  });

  it('exits 0 on a valid template, saying what it holds', async () => {
    expect(await orch(['validate', 'ok.json'], dir)).toEqual({ code: 0, stdout: 'ok.json: valid (1 resource, 0 parameters, 1 output)\n', stderr: '' });
  });

  it('reports YAML that does not parse at its line and column', async () => {
    const result = await orch(['validate', 'bad.yaml'], dir);
    expect(result).toEqual({ code: 1, stdout: 'bad.yaml:2:14: A node can have at most one tag\n', stderr: 'bad.yaml: 1 error\n' });
  });

  it('exits 2 when it cannot run: a missing file, a missing argument, an unknown command', async () => {
    expect(await orch(['validate', 'nope.yaml'], dir)).toEqual({ code: 2, stdout: '', stderr: 'orch validate: cannot read nope.yaml (ENOENT)\n' });
    const missing = await orch(['validate'], dir);
    expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([2, "error: missing required argument 'template'"]);
    const unknown = await orch(['deploi'], dir);
    expect([unknown.code, unknown.stderr.split('\n')[0]]).toEqual([2, "error: unknown command 'deploi'"]);
  });
});
