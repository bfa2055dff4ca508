// Run as a child process by crash.test.ts: deploys (or deletes) a stack with a slow fake cloud kept in a file, and
// is killed (SIGKILL) while its calls are in flight.
// Arguments: deploy|delete stateDir stackName templateFile cloudFile slowIds(comma-separated).
import { deleteStack, deployStack } from '../../../../local/engine/deploy';
import { FakeCloud, fakeCatalog } from './fake-cloud';

async function main(): Promise<void> {
  const [operation, stateDir, stackName, templateFile, cloudFile, slow] = process.argv.slice(2);
  const delays = Object.fromEntries(slow.split(',').map((id) => [id, 600_000]));
  const cloud = new FakeCloud({ stateFile: cloudFile, delays });
  const options = { stateDir, stackName, catalog: fakeCatalog(), provisioners: cloud.provisioners, region: 'eu-west-1', accountId: '123456789012' };
  if (operation === 'delete') await deleteStack(options);
  else await deployStack({ ...options, templateFile });
}

void main();
