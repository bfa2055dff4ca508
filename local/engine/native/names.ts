import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function suffix(length: number): string {
  return [...randomBytes(length)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

export interface NameOptions {
  readonly maxLength: number;
  /** S3 bucket names allow no capitals. */
  readonly lowercase?: boolean;
  /** Leave the stack name out (state machines and secrets are named `<LogicalId>-<suffix>`). */
  readonly withoutStack?: boolean;
  /** Appended after the random part (a FIFO topic's `.fifo`). */
  readonly ending?: string;
}

/**
 * A physical name like the one CloudFormation generates when the template sets none: `<stack>-<LogicalId>-<13 random>`,
 * the readable parts shortened to fit the service's limit, so two stacks (or a replacement) never collide.
 */
export function physicalName(stackName: string, logicalId: string, options: NameOptions): string {
  const random = suffix(13);
  const ending = options.ending ?? '';
  const room = options.maxLength - random.length - ending.length - 1;
  const readable = (options.withoutStack ? logicalId : `${stackName}-${logicalId}`).slice(0, Math.max(room, 0));
  const name = `${readable}-${random}${ending}`;
  return options.lowercase ? name.toLowerCase().replace(/[^a-z0-9.-]/g, '-') : name;
}
