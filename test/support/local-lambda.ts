import { LambdaEndpoint, LambdaHandler, LocalFunction, startLambdaEndpoint } from '../../local/lambda-endpoint';

// Plain JavaScript, as a deployed function would be; loaded with require because the project compiles TypeScript only.
const handlers = require('./lambda-functions.js') as Record<string, LambdaHandler>;

/** The functions of test/support/lambda-functions.js by name, with their configured timeouts. */
export const TEST_FUNCTIONS: Record<string, LocalFunction> = {
  ...Object.fromEntries(Object.entries(handlers).map(([name, handler]) => [name, { handler }])),
  slow: { handler: handlers.slow, timeoutSeconds: 30 },
  // Configured for Lambda's 15-minute maximum: more than one handler invocation can wait for.
  marathon: { handler: handlers.slow, timeoutSeconds: 900 },
};

export interface ServedFunctions {
  readonly endpoint: LambdaEndpoint;
  /** Invocations of `name` so far. */
  count(name: string): number;
  /** Closes the endpoint and restores AWS_ENDPOINT_URL_LAMBDA. */
  stop(): Promise<void>;
}

/**
 * Serves the test functions (and `extra` ones) on a local Lambda endpoint and points every Lambda client created
 * from now on at it through the standard AWS_ENDPOINT_URL_LAMBDA (handlers create their clients per invocation).
 */
export async function serveTestFunctions(extra: Record<string, LambdaHandler | LocalFunction> = {}): Promise<ServedFunctions> {
  const endpoint = await startLambdaEndpoint({ ...TEST_FUNCTIONS, ...extra });
  const previous = process.env.AWS_ENDPOINT_URL_LAMBDA;
  process.env.AWS_ENDPOINT_URL_LAMBDA = endpoint.url;
  return {
    endpoint,
    count: (name) => endpoint.invocations.filter((i) => i.functionName === name).length,
    async stop() {
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_LAMBDA;
      else process.env.AWS_ENDPOINT_URL_LAMBDA = previous;
      await endpoint.close();
    },
  };
}
