/** The shapes CloudFormation and a registry handler exchange, as the cfn library reads and writes them. */

/** A resource type's production entrypoint: the function CloudFormation's Lambda invocation reaches. */
export type Entrypoint = (event: HandlerRequest, context?: unknown) => Promise<ProgressEventJson>;

export type Action = 'CREATE' | 'READ' | 'UPDATE' | 'DELETE' | 'LIST';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The request CloudFormation sends a registry handler. */
export interface HandlerRequest {
  action: Action;
  awsAccountId: string;
  bearerToken: string;
  region: string;
  resourceType: string;
  stackId: string;
  callbackContext?: Record<string, unknown>;
  nextToken?: string;
  requestData: {
    callerCredentials: Credentials;
    /** Sent when the type is registered with a LoggingConfig: the library delivers handler logs with them. */
    providerCredentials?: Credentials;
    providerLogGroupName?: string;
    logicalResourceId: string;
    resourceProperties?: Record<string, unknown>;
    previousResourceProperties?: Record<string, unknown>;
    stackTags?: Record<string, string>;
    previousStackTags?: Record<string, string>;
    systemTags?: Record<string, string>;
    typeConfiguration?: Record<string, unknown>;
  };
}

export interface ProgressEventJson {
  status: 'IN_PROGRESS' | 'SUCCESS' | 'FAILED';
  errorCode?: string;
  message?: string;
  callbackContext?: Record<string, unknown>;
  callbackDelaySeconds?: number;
  resourceModel?: Record<string, unknown>;
  resourceModels?: Record<string, unknown>[];
  nextToken?: string;
}

export interface RecordedInvocation {
  readonly action: Action;
  readonly response: ProgressEventJson;
  readonly startedAt: number;
  readonly durationMs: number;
  /** How many times this request was sent before an answer came back (1 when none was lost). */
  readonly attempts: number;
}

export interface OperationResult {
  readonly status: 'SUCCESS' | 'FAILED';
  readonly model?: Record<string, unknown>;
  readonly models?: Record<string, unknown>[];
  readonly errorCode?: string;
  readonly message?: string;
  readonly invocations: RecordedInvocation[];
  /** Breaches of the handler contract seen in any event (for example IN_PROGRESS without the primary identifier). */
  readonly violations: string[];
}
