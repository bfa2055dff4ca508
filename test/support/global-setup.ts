import { startLocalAws } from '../../local/local-aws';

/** One moto server for the whole run; handlers find it through the standard SDK endpoint variables. */
export default async function globalSetup(): Promise<void> {
  const aws = await startLocalAws({ log: (line) => console.log(`[local-aws] ${line}`) });
  Object.assign(process.env, aws.env, { ORCH_POLL_WINDOW_SECONDS: process.env.ORCH_POLL_WINDOW_SECONDS ?? '3' });
  (globalThis as any).__LOCAL_AWS__ = aws;
}
