import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { checkPattern, integrationResource } from './integration-resource';

/** Properties of an OptimizedIntegrationTask. */
export interface OptimizedIntegrationTaskProps extends sfn.TaskStateBaseProps {
  /** The service as Step Functions names it in the Resource (`sagemaker`, `glue`, `emr-serverless`, ...). */
  readonly service: string;

  /** The API action in camelCase, as in the Resource (`createProcessingJob`, `startJobRun`). */
  readonly action: string;

  /**
   * The request. `sfn.JsonPath` values are filled at run time (as `Key.$` fields); with
   * `WAIT_FOR_TASK_TOKEN` it must hold `sfn.JsonPath.taskToken` somewhere.
   *
   * @default {} (no request fields)
   */
  readonly parameters?: { [key: string]: any };

  /**
   * The statements the state machine role needs for this integration and pattern (Step Functions' "IAM policies"
   * page for the service lists them; `.sync` usually adds describe/stop actions and a managed EventBridge rule).
   *
   * @default - none: the role gets nothing for this state
   */
  readonly policyStatements?: iam.PolicyStatement[];
}

const PATTERNS = [sfn.IntegrationPattern.REQUEST_RESPONSE, sfn.IntegrationPattern.RUN_JOB, sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN];
// Step Functions' service prefixes are lowercase with hyphens; actions are camelCase API names.
const SERVICE = /^[a-z][a-z0-9-]*$/;
const ACTION = /^[a-z][a-zA-Z0-9]*$/;

/**
 * A task state for an optimized Step Functions integration the CDK has no class for: renders
 * `arn:aws:states:::<service>:<action>` with the pattern's suffix (`.sync`, `.waitForTaskToken`) and gives the
 * state machine role the statements you pass, nothing more.
 */
export class OptimizedIntegrationTask extends sfn.TaskStateBase {
  /** The statements the state machine role gets. */
  protected readonly taskPolicies?: iam.PolicyStatement[];

  /** Not set, as on the CDK's own service-integration tasks: this integration defines no metric dimensions. */
  protected readonly taskMetrics?: sfn.TaskMetricsConfig;

  private readonly resource: string;
  private readonly request: { [key: string]: any };

  public constructor(scope: Construct, id: string, props: OptimizedIntegrationTaskProps) {
    super(scope, id, props);
    const pattern = props.integrationPattern ?? sfn.IntegrationPattern.REQUEST_RESPONSE;
    checkPattern(this, pattern, PATTERNS);
    if (!SERVICE.test(props.service)) {
      throw new Error(`${this.node.path}: service ${JSON.stringify(props.service)} must be a Step Functions service prefix such as 'glue' (for AWS SDK integrations use tasks.CallAwsService)`);
    }
    if (!ACTION.test(props.action)) {
      throw new Error(`${this.node.path}: action ${JSON.stringify(props.action)} must be the camelCase API name such as 'startJobRun', without a pattern suffix`);
    }
    this.request = props.parameters ?? {};
    if (pattern === sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN && !sfn.FieldUtils.containsTaskToken(this.request)) {
      throw new Error(`${this.node.path}: WAIT_FOR_TASK_TOKEN needs sfn.JsonPath.taskToken in parameters, or nobody can end the wait`);
    }
    this.resource = integrationResource(props.service, props.action, pattern);
    this.taskPolicies = props.policyStatements;
  }

  /**
   * @internal
   */
  protected _renderTask(topLevelQueryLanguage?: sfn.QueryLanguage): any {
    const queryLanguage = this.queryLanguage ?? topLevelQueryLanguage ?? sfn.QueryLanguage.JSON_PATH;
    return { Resource: this.resource, ...this._renderParametersOrArguments(this.request, queryLanguage) };
  }
}
