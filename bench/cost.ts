/** CloudFormation's price for registry handlers: a fee per handler operation plus handler time beyond 30 s. */
export const PRICE = {
  perHandlerOperationUsd: 0.0009,
  perSecondBeyondFreeUsd: 0.00008,
  freeSecondsPerInvocation: 30,
} as const;

export function invocationCostUsd(durationMs: number): number {
  const billedSeconds = Math.max(0, durationMs / 1000 - PRICE.freeSecondsPerInvocation);
  return PRICE.perHandlerOperationUsd + billedSeconds * PRICE.perSecondBeyondFreeUsd;
}
