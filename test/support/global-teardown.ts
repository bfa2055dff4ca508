export default async function globalTeardown(): Promise<void> {
  await (globalThis as any).__LOCAL_AWS__?.stop();
}
