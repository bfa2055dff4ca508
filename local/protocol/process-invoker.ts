import { coldInvoke } from '../cold-invoke';
import { Invoker, LostAnswer } from './invoker';

/**
 * Runs every request in a fresh `node` process that requires `handlerFile` (a built bundle exporting `entrypoint`),
 * as Lambda does on a cold start. A process that dies or hangs without answering is a lost answer.
 */
export function processInvoker(handlerFile: string, env: Record<string, string> = {}, timeoutMs = 60_000): Invoker {
  return async (request) => {
    try {
      return (await coldInvoke(handlerFile, request, env, timeoutMs)).response;
    } catch (err) {
      throw new LostAnswer(`no answer from ${handlerFile}: ${(err as Error).message}`, { cause: err });
    }
  };
}
