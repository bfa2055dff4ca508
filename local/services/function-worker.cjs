// One Lambda function's sandbox: a worker thread with the function's own environment variables, loading its module
// once and running one invocation at a time (the endpoint queues them), as a Lambda execution environment does.
const { parentPort, workerData } = require('node:worker_threads');

let handler;
let loadError;
try {
  handler = require(workerData.file)[workerData.exportName];
  if (typeof handler !== 'function') loadError = Object.assign(new Error(`${workerData.module}.js exports no function ${workerData.exportName}`), { name: 'Runtime.HandlerNotFound' });
} catch (err) {
  loadError = Object.assign(new Error(err && err.message ? err.message : String(err)), { name: 'Runtime.ImportModuleError' });
}

// Callback-style handlers (event, context, callback) as well as async ones.
function run(event, context) {
  if (handler.length < 3) return Promise.resolve(handler(event, context));
  return new Promise((resolve, reject) => {
    const result = handler(event, context, (err, value) => (err ? reject(err) : resolve(value)));
    if (result && typeof result.then === 'function') result.then(resolve, reject);
  });
}

parentPort.on('message', async ({ id, event, context }) => {
  try {
    if (loadError) throw loadError;
    const result = await run(event, { ...context, getRemainingTimeInMillis: () => context.deadline - Date.now() });
    parentPort.postMessage({ id, result: JSON.stringify(result === undefined ? null : result) });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    parentPort.postMessage({ id, error: { name: e.name, message: e.message, stack: e.stack } });
  }
});
