/**
 * Lambda functions the Orch::Lambda::Task tests invoke, written as they would be deployed (Node.js handlers).
 * test/support/local-lambda.ts serves them on the local Lambda Invoke endpoint under these names.
 */

/** Returns a nested result, with the event it received under `input`. */
exports.nested = async (event) => ({ model: { name: 'resnet', uri: 's3://models/resnet' }, metrics: [{ acc: 0.91 }], ok: true, input: event });

/** Throws, so Lambda answers with FunctionError Unhandled and the error's type and message in the payload. */
exports.throws = async () => {
  const error = new Error('loss became NaN at step 40');
  error.name = 'TrainingDiverged';
  throw error;
};

/** Returns a number, not an object. */
exports.scalar = async () => 42;

/** Returns a string. */
exports.text = async (event) => `hello ${event.name ?? 'world'}`;

/** Returns nothing: Lambda answers null. */
exports.nothing = async () => undefined;

/** Waits `event.seconds` before answering. */
exports.slow = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, (event.seconds ?? 1) * 1000));
  return { sleptSeconds: event.seconds ?? 1 };
};

/** Returns `event.size` characters under `blob`. */
exports.large = async (event) => ({ blob: 'x'.repeat(event.size ?? 40000) });
