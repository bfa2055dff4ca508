import { DEFAULT_POLICY } from '../runtime/backoff';
import { pollWindowSeconds } from '../runtime/env';
import { PRICE } from './cost';
import { ratio, sec, span, usd } from './format';
import { WaitMeasurement } from './moto-measure';
import { FIVE_SECOND_POLLER, OURS, POLICIES } from './policies';
import { LagBound, SimulationResult } from './simulation';
import { allowedLagMs, TargetResult } from './targets';

const vs = (text: string, value: number, baseline: number, isBaseline: boolean) => (isBaseline ? text : `${text} (${ratio(value, baseline)})`);
const policyName = (key: string) => POLICIES.find((p) => p.key === key)!.name;

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => '  ' + r.map((cell, c) => cell.padEnd(widths[c])).join('   ').trimEnd());
}

function lagBoundLine(b: LagBound): string {
  const over = b.gapsOverBudget ? `worst +${b.worstOverBudgetSeconds.toFixed(2)} s for work ending ${span(b.worstOverBudgetAtSeconds)} after it started` : 'none over';
  return `max lag ${sec(b.maxLagSeconds)}; ${b.gapsOverBudget} of ${b.gaps} poll gaps over the budget; ${over}`;
}

export function simulationReport(sim: SimulationResult, targets: TargetResult[], simulationMs: number): string[] {
  const p = DEFAULT_POLICY;
  const rows = [['duration', 'policy', 'invocations', 'worst lag', 'worst lag at', 'longest invocation', 'cost']];
  for (const r of sim.durations) {
    const base = sim.durations.find((b) => b.duration === r.duration && b.policy === FIVE_SECOND_POLLER.key)!;
    const isBase = r === base;
    rows.push([
      r.policy === OURS.key ? r.duration : '',
      policyName(r.policy),
      vs(String(r.invocations), r.invocations, base.invocations, isBase),
      vs(sec(r.worstLagSeconds), r.worstLagSeconds, base.worstLagSeconds, isBase),
      span(r.worstLagAtSeconds),
      sec(r.longestInvocationSeconds),
      vs(usd(r.costUsd), r.costUsd, base.costUsd, isBase),
    ]);
  }
  return [
    `PART 1 - policy simulation (virtual time, no AWS; took ${simulationMs} ms)`,
    `  ours: follow() from runtime/progress.ts with DEFAULT_POLICY (window ${p.windowSeconds} s, polls every ${p.minPollSeconds}-${p.maxPollSeconds} s, ` +
      `callback delay ${p.lagFraction * 100}% of elapsed, at most ${p.maxCallbackDelaySeconds} s) on a simulated clock.`,
    `  CloudFormation loop (one function for all policies): each invocation costs ${sim.overheadSeconds} s of fixed overhead, then polls;`,
    '  while the answer is IN_PROGRESS, CloudFormation waits callbackDelaySeconds and invokes again. The fixed pollers poll once per invocation.',
    '  lag: from the execution end to the poll that sees it (the invocation returns SUCCESS right after); worst over',
    "  200+ end times per row: 200 spread across the hop before the duration (previous invocation start to the detecting one's) plus 1 ms after each poll in it.",
    `  cost: ${usd(PRICE.perHandlerOperationUsd)} per invocation + $${PRICE.perSecondBeyondFreeUsd} per second beyond ${PRICE.freeSecondsPerInvocation} s in an invocation, for an execution of exactly the duration.`,
    '  (ratios in parentheses: against the fixed 5-s poller in this run)',
    '',
    ...table(rows),
    '',
    `  Lag over every end time up to ${span(sim.lagBounds[0].horizonSeconds)} (each gap between consecutive polls; budget max(2 s, 10% of elapsed), cap 60 s):`,
    ...table(sim.lagBounds.map((b) => [policyName(b.policy), lagBoundLine(b)])).map((l) => '  ' + l),
    `    ${OURS.name} with 0 s overhead (the policy alone): ${lagBoundLine(sim.oursWithoutOverhead)}`,
    '',
    `  Note: the 5-s poller needs ${sim.durations.find((r) => r.duration === '1 h' && r.policy === FIVE_SECOND_POLLER.key)!.invocations} invocations for 1 h here, not 720: ` +
      `each cycle is 5 s + ${sim.overheadSeconds} s overhead.`,
    `  Note: 36 h equals the create handler's ${sim.timeoutMinutes}-minute timeout; the lifecycle stops following after ${span(sim.followLimitSeconds)} ` +
      '(hasTimeForAnotherHop) and fails NotStabilized, so the 36-h rows measure follow() alone.',
    '',
    'TARGETS (ours, simulated)',
    ...targets.flatMap((t) => [`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.target}`, `        ${t.detail}`]),
  ];
}

export function motoReport(measurements: WaitMeasurement[] | undefined, handlerLogFile: string): string[] {
  if (!measurements) return ['PART 2 - measured on moto: skipped (--sim-only)'];
  const rows = [['wait', 'poller', 'invocations', 'lag (reported - stopDate)', 'execution', 'longest invocation', 'lag budget']];
  for (const m of measurements) {
    const { ours, baseline } = m;
    const budget = sec(allowedLagMs(ours.executionSeconds * 1000) / 1000);
    rows.push([`${m.waitSeconds} s`, 'ours: handler via CfnDriver', `${ours.invocations} (${ratio(ours.invocations, baseline.invocations)})`,
      `${sec(ours.lagSeconds, 2)} (${ratio(ours.lagSeconds, baseline.lagSeconds)})`, sec(ours.executionSeconds), sec(ours.longestInvocationSeconds!), budget]);
    rows.push(['', 'bare 5-s DescribeExecution loop', String(baseline.invocations), sec(baseline.lagSeconds, 2), sec(baseline.executionSeconds), '-', '']);
  }
  return [
    `PART 2 - measured on moto (real time; CfnDriver with delayScale 1, i.e. real callback delays; poll window ${pollWindowSeconds()} s)`,
    '  ours: the production entrypoint of Orch::StepFunctions::Task; lag = time the SUCCESS event came back - the execution stopDate.',
    '  ours includes the cfn lib\'s log draining at the end of every invocation (in the lag and in each invocation time), without its fixed 1-s sleep.',
    '  baseline: a bare loop in the bench (DescribeExecution, sleep 5 s) with no invocation overhead; lag = time it saw the end - stopDate.',
    '  (ratios in parentheses: against the bare 5-s poller on the same Wait state in this run)',
    '',
    ...table(rows),
    '',
    '  The Wait lengths are multiples of 5 s and the bare poller polls at 0, 5, 10 s... after its own StartExecution, so it polls just as',
    '  the execution ends: its lag here is its best case. For an arbitrary end time it is up to 5 s (Part 1: 5.3 s with invocation overhead).',
    `  handler logs: ${handlerLogFile}`,
  ];
}
