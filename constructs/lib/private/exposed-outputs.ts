import { CfnResource, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { invalidPath, MAX_OUTPUTS, OutputRequests } from './output-requests';

/** An Orch L1 whose Outputs attribute holds what Expose names. */
export interface ExposingResource extends CfnResource {
  getOutput(name: string): string;
}

/** How an L2's getter names what it asks for, for its error messages. */
export interface RequestKind {
  /** The getter, as the messages name it: `output`, `metadata`. */
  readonly method: string;
  /** What the getter takes, for the token message: `a dot path`, `a metadata key`. */
  readonly what: string;
  /** What many requests are, for the limit message: `output paths`, `metadata keys`. */
  readonly plural: string;
  /** Why a request cannot go into Expose, or undefined when it can. */
  readonly invalid: (request: string) => string | undefined;
}

export const DOT_PATH: RequestKind = { method: 'output', what: 'a dot path', plural: 'output paths', invalid: invalidPath };

/**
 * The values an L2's users asked for, each an Outputs.<name> token of `resource`, with Expose written at synth
 * from every request made by then and the schema's limit on its size checked at synth.
 */
export class ExposedOutputs {
  private readonly requests = new OutputRequests();

  public constructor(
    private readonly owner: IConstruct,
    private readonly resource: ExposingResource,
    private readonly kind: RequestKind = DOT_PATH,
    /** Where Expose goes in the resource's properties: `OnCreate.Expose` for a type whose calls each have one. */
    at: readonly string[] = ['Expose'],
  ) {
    for (const path of at) resource.addPropertyOverride(path, this.requests.renderExpose());
    owner.node.addValidation({
      validate: () => (this.requests.size > MAX_OUTPUTS ? [`${this.requests.size} ${kind.plural} requested; Expose holds at most ${MAX_OUTPUTS}`] : []),
    });
  }

  /** Whether anything was requested yet. */
  public get requested(): boolean {
    return this.requests.size > 0;
  }

  /** The Outputs.<name> token of `request` (a dot path, a metadata key), added to Expose on first use. */
  public token(request: string): string {
    const { method, what, invalid } = this.kind;
    if (Token.isUnresolved(request)) throw new Error(`${this.owner.node.path}: ${method}() takes ${what} known at synth, not a token`);
    const why = invalid(request);
    if (why) throw new Error(`${this.owner.node.path}: ${method}(${JSON.stringify(request)}): ${why}`);
    return this.resource.getOutput(this.requests.nameOf(request));
  }
}
