import { isDeepStrictEqual } from 'node:util';
import { resourceChange } from '../change';
import { stackIdFor } from '../pseudo-parameters';
import { prepareStack, StackTemplate } from '../stack-template';
import { TemplateError } from '../template/diagnostic';
import type { LoadedTemplate } from '../template/load';
import { exportTable, importersOf, StackExport } from '../state/exports';
import type { DeployedOutput, StackRecord } from '../state/stack-record';
import { readStack } from '../state/stack-store';
import { deleteRecorded, lockStack, resultOf } from './delete-stack';
import { failureReason } from './failure';
import { REPLACEMENT_REASON, ResourceDeclaration, StackOperation } from './operation';
import { checkImports, checkProvisioners, exportNamesAhead, loadForDeploy, located, ssmParameterReader } from './preflight';
import { recoverInterrupted } from './recover';
import { deployedResolver } from './resolver';
import { cleanUp, rollBackOperation } from './rollback';
import { runInOrder } from './schedule';
import { DeployOptions, DeployStack, StackOperationRefused, StackResult } from './stack-operations';

/** States a stack cannot be updated from: CloudFormation requires deleting it, so the next deploy deletes it and creates it again. */
const RECREATE_FROM: readonly string[] = ['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'CREATE_FAILED'];

/**
 * `orch deploy`: validate, then create the stack or update it from its record, each resource as soon as what it
 * depends on is done; on failure roll back what this operation did and end with the first failure's reason.
 */
export const deployStack: DeployStack = async (options) => {
  const template = loadForDeploy(options.templateFile, options);
  const release = lockStack(options, options.stackName, 'deploy');
  try {
    let record = readStack(options.stateDir, options.stackName);
    if (record?.inFlight) record = await recoverInterrupted(options, record);
    if (record?.status === 'DELETE_FAILED') {
      throw new StackOperationRefused(`stack ${options.stackName} is DELETE_FAILED (${record.statusReason ?? 'a delete failed'}): run orch delete --stack ${options.stackName} again before deploying it`, [], 'state');
    }
    if (record && RECREATE_FROM.includes(record.status)) {
      const deleted = await deleteRecorded(options, record);
      if (deleted.status !== 'DELETE_COMPLETE') return deleted;
      record = undefined;
    }
    return await deploy(options, template, record);
  } finally {
    release();
  }
};

async function deploy(options: DeployOptions, template: LoadedTemplate, record: StackRecord | undefined): Promise<StackResult> {
  const { stateDir, stackName } = options;
  const creating = record === undefined;
  const stackId = record?.stackId ?? stackIdFor({ region: options.region, accountId: options.accountId, stackName });
  const op = new StackOperation(options, stackName, stackId, record);

  // As `aws cloudformation deploy` does, a parameter not given keeps the value of the last deploy.
  const declared = Object.keys((template.body.Parameters ?? {}) as object);
  const kept = Object.entries(record?.parameters ?? {}).filter(([name]) => declared.includes(name));
  const parameters = { ...Object.fromEntries(kept), ...(options.parameters ?? {}) };

  const imported = new Set<string>();
  let exports: Map<string, StackExport> | undefined;
  const exportsNow = () => (exports ??= exportTable(stateDir, stackName));
  const resolver = deployedResolver(op.resources, exportsNow, imported);
  const readSsmParameter = await ssmParameterReader(template.body, parameters, options.readSsmParameter);
  let stack: StackTemplate;
  try {
    stack = prepareStack(template.body, { identity: { region: options.region, accountId: options.accountId, stackName, stackId }, parameters, resolver, readSsmParameter });
  } catch (e) {
    if (e instanceof TemplateError) throw new StackOperationRefused(located(template, e), [located(template, e)], 'invalid');
    throw e;
  }
  checkProvisioners(template, stack, options);
  checkImports(template, stack, exportsNow());
  const inUse = record ? importersOf(stateDir, exportNames(record.outputs), stackName) : new Map<string, string[]>();
  checkExportsKept(template, stack, inUse);
  checkExportsFree(template, exportNamesAhead(template, stack), exportsNow());

  const removing = [...op.resources.keys()].filter((id) => !stack.resources.has(id));
  if (creating) {
    op.template = template.body;
    op.parameters = parameters;
  }
  op.begin(creating ? 'create' : 'update', creating ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS', 'User Initiated');

  const outcome = await runInOrder(stack.resources.keys(), (id) => stack.graph.dependenciesOf(id), (id) => deployResource(op, template, stack, id), {
    concurrency: options.concurrency ?? 50,
    signal: options.signal,
  });

  let failure = outcome.failures.length > 0 ? failureReason(outcome.failures[0].error) : undefined;
  // Cancelled once everything had started, the operation stands: only skipped work makes it a cancellation.
  if (failure === undefined && options.signal?.aborted && outcome.skipped.length > 0) failure = cancelled(options.signal);
  let outputs: Record<string, DeployedOutput> = {};
  if (failure === undefined) {
    try {
      outputs = stack.evaluateOutputs();
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      failure = located(template, e);
    }
  }
  failure ??= changedExportInUse(record?.outputs ?? {}, outputs, inUse) ?? exportTaken(outputs, exportsNow());

  if (failure !== undefined) {
    const failed = outcome.failures.map((f) => f.id);
    const summary = failed.length > 0 ? `The following resource(s) failed to ${creating ? 'create' : 'update'}: [${failed.join(', ')}].` : failure;
    if (creating && options.disableRollback) {
      op.end('CREATE_FAILED', failure);
      return resultOf(op);
    }
    await rollBackOperation(op, failure, summary, false);
    return resultOf(op);
  }

  op.template = template.body;
  op.parameters = parameters;
  op.outputs = outputs;
  op.imports = [...imported].sort();
  if (creating) {
    op.end('CREATE_COMPLETE');
  } else {
    op.beginCleanup('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', removing);
    await cleanUp(op);
    op.end('UPDATE_COMPLETE');
  }
  return resultOf(op);
}

/**
 * One resource, once its dependencies are done: created when new; otherwise its properties, evaluated against what
 * is deployed now, are compared with the deployed ones, and it is left alone, updated in place, or replaced.
 */
async function deployResource(op: StackOperation, template: LoadedTemplate, stack: StackTemplate, id: string): Promise<void> {
  const resource = stack.resources.get(id)!;
  const declaration: ResourceDeclaration = {
    type: resource.type,
    deletionPolicy: resource.deletionPolicy,
    updateReplacePolicy: resource.updateReplacePolicy,
    dependsOn: [...stack.graph.dependenciesOf(id)],
  };
  const previous = op.resources.get(id);
  let properties: Record<string, unknown>;
  try {
    properties = stack.properties(id);
  } catch (e) {
    if (e instanceof TemplateError) op.fail(id, resource.type, previous ? 'UPDATE_FAILED' : 'CREATE_FAILED', located(template, e));
    throw e;
  }
  if (!previous) return op.create(id, declaration, properties);
  const change = resourceChange(previous, { type: resource.type, properties }, op.options.catalog.get(resource.type));
  if (change.kind === 'update') return op.update(id, declaration, properties);
  if (change.kind === 'replace') {
    const because = change.because.includes('Type') ? `its Type changed from ${previous.type}` : `${change.because.join(', ')} cannot be updated in place`;
    return op.create(id, declaration, properties, `${REPLACEMENT_REASON.replace(/\.$/, '')}: ${because}.`);
  }
  // Unchanged: no call, no event; a changed DeletionPolicy or DependsOn is only recorded.
  const same = previous.deletionPolicy === declaration.deletionPolicy && previous.updateReplacePolicy === declaration.updateReplacePolicy && isDeepStrictEqual(previous.dependsOn, declaration.dependsOn);
  if (!same) {
    op.resources.set(id, { ...previous, ...declaration });
    op.persist();
  }
}

function cancelled(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  const why = reason instanceof Error && reason.name !== 'AbortError' ? reason.message : typeof reason === 'string' ? reason : undefined;
  return `User cancelled the operation${why ? ` (${why})` : ''}`;
}

function exportNames(outputs: Readonly<Record<string, DeployedOutput>>): string[] {
  return Object.values(outputs).flatMap((o) => (o.exportName !== undefined ? [o.exportName] : []));
}

function inUseBy(stacks: readonly string[]): string {
  return `it is in use by stack ${stacks.join(', ')} (Fn::ImportValue)`;
}

/** An update that drops an export another stack imports is refused before anything changes. */
function checkExportsKept(template: LoadedTemplate, stack: StackTemplate, inUse: ReadonlyMap<string, string[]>): void {
  if (inUse.size === 0) return;
  const ahead = exportNamesAhead(template, stack);
  // An export name computed from a resource is known only after the deploy: changedExportInUse checks it then.
  if (ahead.includes(undefined)) return;
  const problems = [...inUse]
    .filter(([name]) => !ahead.includes(name))
    .map(([name, stacks]) => `${template.file}: Outputs: Cannot update export ${name}: ${inUseBy(stacks)}, and this template no longer exports it`);
  if (problems.length > 0) throw new StackOperationRefused(problems.join('\n'), problems, 'in-use');
}

function takenBy(name: string, exports: ReadonlyMap<string, StackExport>): string | undefined {
  const owner = exports.get(name);
  return owner ? `Export with name ${name} is already exported by stack ${owner.stackName}` : undefined;
}

/** An export name another stack already exports is refused before anything is created, as CloudFormation refuses it. */
function checkExportsFree(template: LoadedTemplate, names: readonly (string | undefined)[], exports: ReadonlyMap<string, StackExport>): void {
  const problems = names.flatMap((name) => {
    const taken = name === undefined ? undefined : takenBy(name, exports);
    return taken ? [`${template.file}: Outputs: ${taken}`] : [];
  });
  if (problems.length > 0) throw new StackOperationRefused(problems.join('\n'), problems, 'in-use');
}

/** The same, for an export name computed from a resource: the operation fails on it and rolls back. */
function exportTaken(outputs: Readonly<Record<string, DeployedOutput>>, exports: ReadonlyMap<string, StackExport>): string | undefined {
  return Object.values(outputs)
    .map((o) => (o.exportName === undefined ? undefined : takenBy(o.exportName, exports)))
    .find((taken) => taken !== undefined);
}

/** The first export in use whose value the update changed or dropped: the update fails on it and rolls back. */
function changedExportInUse(before: Readonly<Record<string, DeployedOutput>>, after: Readonly<Record<string, DeployedOutput>>, inUse: ReadonlyMap<string, string[]>): string | undefined {
  for (const [name, stacks] of inUse) {
    const old = Object.values(before).find((o) => o.exportName === name);
    const now = Object.values(after).find((o) => o.exportName === name);
    if (!now) return `Cannot update export ${name}: ${inUseBy(stacks)}, and the update no longer exports it`;
    if (!isDeepStrictEqual(old?.value, now.value)) {
      return `Cannot update export ${name}: ${inUseBy(stacks)}, and the update changes its value from ${JSON.stringify(old?.value)} to ${JSON.stringify(now.value)}`;
    }
  }
  return undefined;
}
