import { CfnDriver } from '../../local/protocol';

/**
 * The resource contract every type keeps: create, then read gives the created model; delete succeeds; then read,
 * update and delete each fail with NotFound naming the identifier.
 */
export async function expectReadThenNotFoundAfterDelete(d: CfnDriver, logicalId: string, props: Record<string, unknown>): Promise<void> {
  const created = await d.create(logicalId, props);
  expect(created.status).toBe('SUCCESS');
  const read = await d.read(logicalId, created.model!);
  expect(read.status).toBe('SUCCESS');
  expect(read.model).toEqual(created.model);
  expect((await d.delete(logicalId, created.model!)).status).toBe('SUCCESS');
  const afterDelete = [await d.read(logicalId, created.model!), await d.update(logicalId, created.model!, props, props), await d.delete(logicalId, created.model!)];
  for (const after of afterDelete) {
    expect(after.status).toBe('FAILED');
    expect(after.errorCode).toBe('NotFound');
    expect(after.message).toContain(created.model!.Id as string);
  }
}
