/**
 * The local demo: a small "train and evaluate" state machine run through Orch::StepFunctions::Task on a local
 * AWS (moto), then its model released to a git repository through Orch::Git::CommitFromS3, with this process
 * playing CloudFormation. Prints every handler event and the final attributes.
 *
 *   npm ci && npm run demo
 */
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { LOCAL_AWS, startLocalAws } from './local-aws';
import type { OperationResult, RecordedInvocation } from './protocol';

const TRAINING = {
  Comment: 'Pretend training: wait, then report a model and its metrics',
  StartAt: 'Train',
  States: {
    Train: { Type: 'Wait', Seconds: 4, Next: 'Evaluate' },
    Evaluate: {
      Type: 'Pass',
      Parameters: { 'dataset.$': '$.dataset', model: { name: 'resnet-50', uri: 's3://models/resnet-50/v7' }, metrics: { accuracy: 0.913, loss: 0.241 } },
      End: true,
    },
  },
};

// The cfn library logs every invocation to the console, as it would to CloudWatch; the demo shows only its own lines.
const say = (line = '') => process.stdout.write(`${line}\n`);
console.log = () => undefined;

function printInvocation(i: RecordedInvocation): void {
  const e = i.response;
  const tail = e.status === 'IN_PROGRESS' ? `callback in ${e.callbackDelaySeconds}s` : e.status === 'FAILED' ? `${e.errorCode}: ${e.message}` : '';
  say(`  ${i.action.padEnd(6)} -> ${e.status.padEnd(11)} ${(i.durationMs / 1000).toFixed(1)}s  ${tail}`);
}

function printResult(title: string, result: OperationResult, keys?: string[]): void {
  say(`${title}: ${result.status}${result.violations.length ? ` (contract violations: ${result.violations.join('; ')})` : ''}`);
  const model = result.model && keys ? Object.fromEntries(keys.map((k) => [k, result.model![k]])) : result.model;
  if (model) say(JSON.stringify(model, null, 2).replace(/^/gm, '    '));
  say();
}

async function main(): Promise<void> {
  say('Starting a local AWS (moto server) ...');
  const aws = await startLocalAws({ log: (line) => say(`  ${line}`) });
  Object.assign(process.env, aws.env);
  try {
    // Loaded after the environment points the SDK at the local AWS, exactly as a Lambda runtime would be configured.
    const { CfnDriver } = await import('./protocol');
    const { entrypoint } = await import('../resource-types/stepfunctions-task/src/handlers');
    const { PRIMARY_IDENTIFIER, TYPE_NAME } = await import('../resource-types/stepfunctions-task/src/models');

    const sfn = new SFNClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials });
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: 'train-and-evaluate', definition: JSON.stringify(TRAINING), roleArn: `arn:aws:iam::${LOCAL_AWS.accountId}:role/demo` }),
    );
    say(`State machine: ${stateMachineArn}\n`);

    const driver = new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER, onInvocation: printInvocation });
    const properties = {
      StateMachineArn: stateMachineArn!,
      Input: { dataset: 's3://datasets/imagenet-mini' },
      OutputPaths: ['model', 'metrics.accuracy'],
      Expose: { ModelUri: 'model.uri', Accuracy: 'metrics.accuracy' },
    };

    say(`Template resource:\n  Train:\n    Type: ${TYPE_NAME}\n    Properties: ${JSON.stringify(properties)}\n`);
    const created = await driver.create('Train', properties);
    printResult('CREATE', created);
    if (created.status !== 'SUCCESS') throw new Error('create failed');
    const outputs = created.model!.Outputs as { ModelUri: string; Accuracy: string };
    say(`  !GetAtt Train.Outputs.ModelUri -> ${outputs.ModelUri}`);
    say(`  !GetAtt Train.Outputs.Accuracy -> ${outputs.Accuracy}\n`);

    say('Publishing the release to git (Orch::Git::CommitFromS3) ...\n');
    const { publishRelease } = await import('./demo-publish');
    await publishRelease({ uri: outputs.ModelUri, accuracy: outputs.Accuracy }, { say, printInvocation, printResult });

    printResult('READ (the stored record)', await driver.read('Train', created.model!), ['Id', 'ExecutionArn', 'Status']);
    const updated = await driver.update('Train', created.model!, properties, { ...properties, RunToken: 'retrain-1' });
    printResult('UPDATE (RunToken changed: a new execution)', updated, ['Id', 'ExecutionArn', 'Status', 'RunToken']);
    printResult('DELETE', await driver.delete('Train', updated.model!));
    const after = await driver.read('Train', updated.model!);
    say(`READ after delete: ${after.status} ${after.errorCode}: ${after.message}`);
  } finally {
    await aws.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
