import type { StackResult } from '../engine/deploy/stack-operations';
import type { DeployedOutput } from '../engine/state/stack-record';

/**
 * What `orch deploy --json` and `orch delete --json` print: the stack's final state, keyed as CloudFormation's
 * DescribeStacks and DescribeStackResources name things, with Outputs as name to value.
 */
export interface StackDocument {
  readonly StackName: string;
  readonly StackId: string;
  readonly Status: string;
  readonly StatusReason?: string;
  readonly Outputs: Record<string, unknown>;
  /** Export name to value, for the outputs that declare an Export. */
  readonly Exports: Record<string, unknown>;
  readonly Resources: Record<string, { Type: string; PhysicalId: string; Attributes: Readonly<Record<string, unknown>> }>;
}

/** Outputs as name to value: what `orch outputs --json` prints and the document's `Outputs`. */
export function outputValues(outputs: Readonly<Record<string, DeployedOutput>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.value]));
}

/** The engine's result in the document's shape. */
export function stackDocument(result: StackResult): StackDocument {
  const exports = Object.values(result.outputs).filter((o) => o.exportName !== undefined);
  return {
    StackName: result.stackName,
    StackId: result.stackId,
    Status: result.status,
    ...(result.statusReason ? { StatusReason: result.statusReason } : {}),
    Outputs: outputValues(result.outputs),
    Exports: Object.fromEntries(exports.map((o) => [o.exportName as string, o.value])),
    Resources: Object.fromEntries(
      Object.entries(result.resources).map(([id, r]) => [id, { Type: r.type, PhysicalId: r.physicalId, Attributes: r.attributes }]),
    ),
  };
}
