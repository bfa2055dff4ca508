import type { ServicesInfo } from '../services';

/** Single-quoted for a POSIX shell, so `eval "$(orch up)"` takes any value as it is. */
function shellQuoted(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * What `orch up` prints: the endpoints as `#` comments and the environment as `export` lines, so the whole output
 * can be evaluated by a shell (`eval "$(orch up)"`) as well as read.
 */
export function formatServices(info: ServicesInfo, stateDir: string, alreadyRunning: boolean): string {
  const lines = [
    `# Local services ${alreadyRunning ? 'already running' : 'running'} (pid ${info.pids.daemon}, since ${info.startedAt})`,
    `#   AWS (moto):      ${info.awsEndpoint}  (Step Functions executes state machines)`,
    `#   Lambda:          ${info.lambdaEndpoint}  (inline Node.js functions run here; other Lambda calls go on to moto)`,
    `#   git:             ${info.gitUrl}/<name>.git  (a repository is created on its first push)`,
    `#   git credentials: ${info.gitCredentialsSecretArn}`,
    `#   state directory: ${stateDir}  (log: ${info.logFile})`,
    '# Every orch command in this state directory uses them. For other tools: eval "$(orch up)"; stop them with orch down.',
    ...Object.entries(info.env).map(([name, value]) => `export ${name}=${shellQuoted(value)}`),
  ];
  return `${lines.join('\n')}\n`;
}
