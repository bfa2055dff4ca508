/**
 * `orch deploy` reduced to what the crash test needs: deployStack with the real provisioners, in a process of its
 * own, so the test can kill it mid-deploy. Usage: tsx deploy-child.ts STATE_DIR STACK TEMPLATE [K=V ...]
 */
import { deployStack } from '../../../../local/engine/deploy';
import { createProvisioners } from '../../../../local/engine/provision';
import { TypeCatalog } from '../../../../local/engine/types/catalog';
import { LOCAL_AWS } from '../../../../local/local-aws';

async function main(): Promise<void> {
  const [stateDir, stackName, templateFile, ...pairs] = process.argv.slice(2);
  const parameters = Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
  const catalog = TypeCatalog.load();
  const prov = await createProvisioners({ stateDir, catalog, region: LOCAL_AWS.region, accountId: LOCAL_AWS.accountId });
  const result = await deployStack({ stateDir, catalog, provisioners: prov.provisioners, region: LOCAL_AWS.region, accountId: LOCAL_AWS.accountId, stackName, templateFile, parameters });
  await prov.close();
  process.stdout.write(`${result.status}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
});
