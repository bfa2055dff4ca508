import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as orch from '@cfn-orchestration/constructs';
import { templateOf, withCfnResource, withConstructs } from '../../bench/cdk-synth';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'orch-synth-bench-test-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The bench refuses to time two apps whose templates differ; this says so in npm test, before a bench run does.
test('the two apps the synth bench times write the same template: a task per resource, each reading the one before', () => {
  const ours = templateOf(withConstructs(orch), join(dir, 'ours'), 3);
  expect(ours).toEqual(templateOf(withCfnResource, join(dir, 'raw'), 3));

  const tasks = Object.entries(ours.Resources as Record<string, any>);
  expect(tasks.map(([, r]) => r.Type)).toEqual(Array(3).fill('Orch::StepFunctions::Task'));
  const [[first], [, second], [, third]] = tasks;
  expect(second.Properties.Input).toEqual({ step: 1, model: { 'Fn::GetAtt': [first, 'Outputs.ModelUri'] } });
  expect(third.Properties.Expose).toEqual({ MetricsAccuracy: 'metrics.accuracy' });
});
