import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LOCAL_AWS } from '../local-aws';
import { Invoker, LostAnswer } from './invoker';
import { ProgressEventJson } from './types';

/**
 * Sends every request through the Lambda Invoke API to `functionName`, as CloudFormation invokes a registered type:
 * to the loopback Lambda endpoint (local/lambda-endpoint.ts) at `endpoint`, or to whatever endpoint the standard
 * configuration (AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL) names when `endpoint` is left out. A transport error is
 * a lost answer; a function error (the handler threw) ends the operation.
 */
export function lambdaInvoker(functionName: string, endpoint?: string): Invoker {
  const client = new LambdaClient({ region: LOCAL_AWS.region, credentials: LOCAL_AWS.credentials, ...(endpoint && { endpoint }), maxAttempts: 1 });
  return async (request) => {
    let output;
    try {
      output = await client.send(new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify(request)) }));
    } catch (err) {
      if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== undefined) throw err;
      throw new LostAnswer(`no answer from function ${functionName}: ${(err as Error).message}`, { cause: err });
    }
    const body = Buffer.from(output.Payload ?? new Uint8Array()).toString('utf8');
    if (output.FunctionError) throw new Error(`function ${functionName} raised ${output.FunctionError}: ${body}`);
    return JSON.parse(body) as ProgressEventJson;
  };
}
