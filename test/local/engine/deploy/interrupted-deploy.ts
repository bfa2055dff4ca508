// Run as a child process by crash.test.ts: deploys a template with a slow fake cloud kept in a file, and is killed
// (SIGKILL) while its creates are in flight. Arguments: stateDir stackName templateFile cloudFile slowIds(comma-separated).
import { deployStack } from '../../../../local/engine/deploy';
import { FakeCloud, fakeCatalog } from './fake-cloud';

async function main(): Promise<void> {
  const [stateDir, stackName, templateFile, cloudFile, slow] = process.argv.slice(2);
  const delays = Object.fromEntries(slow.split(',').map((id) => [id, 600_000]));
  const cloud = new FakeCloud({ stateFile: cloudFile, delays });
  await deployStack({ stateDir, stackName, templateFile, catalog: fakeCatalog(), provisioners: cloud.provisioners, region: 'eu-west-1', accountId: '123456789012' });
}

void main();
