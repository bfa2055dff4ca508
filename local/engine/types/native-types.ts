import { JsonType, ResourceTypeSpec } from './resource-type';

/** A native property: its JSON type(s), and whether changing it replaces the resource. */
interface NativeProperty {
  readonly type: JsonType | readonly JsonType[];
  readonly required?: boolean;
  readonly createOnly?: boolean;
  readonly enum?: readonly string[];
}

interface NativeSpec {
  readonly typeName: string;
  readonly properties: Readonly<Record<string, NativeProperty>>;
  /** Fn::GetAtt attributes and their types (all text in CloudFormation's documentation for these types). */
  readonly attributes: Readonly<Record<string, JsonType>>;
  readonly inert?: boolean;
}

const tags: NativeProperty = { type: 'array' };
const text: NativeProperty = { type: 'string' };
const object: NativeProperty = { type: 'object' };
// Policy documents and event patterns: CloudFormation takes a mapping or its JSON text.
const json: NativeProperty = { type: ['object', 'string'] };

/**
 * The native types the engine will create through the SDK, with the properties it will pass on: names, types,
 * required and create-only ones as CloudFormation's resource reference documents them.
 */
const NATIVE_SPECS: readonly NativeSpec[] = [
  {
    typeName: 'AWS::S3::Bucket',
    properties: {
      BucketName: { type: 'string', createOnly: true },
      VersioningConfiguration: object,
      NotificationConfiguration: object,
      PublicAccessBlockConfiguration: object,
      BucketEncryption: object,
      LifecycleConfiguration: object,
      CorsConfiguration: object,
      ObjectLockEnabled: { type: 'boolean', createOnly: true },
      Tags: tags,
    },
    attributes: { Arn: 'string', DomainName: 'string', RegionalDomainName: 'string', DualStackDomainName: 'string', WebsiteURL: 'string' },
  },
  {
    typeName: 'AWS::StepFunctions::StateMachine',
    properties: {
      RoleArn: { type: 'string', required: true },
      Definition: object,
      DefinitionString: text,
      DefinitionS3Location: object,
      DefinitionSubstitutions: object,
      StateMachineName: { type: 'string', createOnly: true },
      StateMachineType: { type: 'string', createOnly: true, enum: ['STANDARD', 'EXPRESS'] },
      LoggingConfiguration: object,
      TracingConfiguration: object,
      Tags: tags,
    },
    attributes: { Arn: 'string', Name: 'string', StateMachineRevisionId: 'string' },
  },
  {
    typeName: 'AWS::IAM::Role',
    properties: {
      AssumeRolePolicyDocument: { ...json, required: true },
      Description: text,
      ManagedPolicyArns: { type: 'array' },
      MaxSessionDuration: { type: 'integer' },
      Path: { type: 'string', createOnly: true },
      PermissionsBoundary: text,
      Policies: { type: 'array' },
      RoleName: { type: 'string', createOnly: true },
      Tags: tags,
    },
    attributes: { Arn: 'string', RoleId: 'string' },
  },
  {
    // CDK's grants (a state machine's role reaching a function or a bucket) write their statements here.
    typeName: 'AWS::IAM::Policy',
    properties: {
      PolicyName: { type: 'string', required: true },
      PolicyDocument: { ...json, required: true },
      Roles: { type: 'array' },
      Users: { type: 'array' },
      Groups: { type: 'array' },
    },
    attributes: { Id: 'string' },
  },
  {
    typeName: 'AWS::Lambda::Function',
    properties: {
      Code: { type: 'object', required: true },
      Role: { type: 'string', required: true },
      Handler: text,
      Runtime: text,
      FunctionName: { type: 'string', createOnly: true },
      Description: text,
      Environment: object,
      MemorySize: { type: 'integer' },
      Timeout: { type: 'integer' },
      Architectures: { type: 'array' },
      Tags: tags,
    },
    attributes: { Arn: 'string' },
  },
  {
    typeName: 'AWS::SecretsManager::Secret',
    properties: {
      Name: { type: 'string', createOnly: true },
      Description: text,
      SecretString: text,
      GenerateSecretString: object,
      KmsKeyId: text,
      Tags: tags,
    },
    // Ref and Id are both the secret's ARN.
    attributes: { Id: 'string' },
  },
  {
    typeName: 'AWS::SSM::Parameter',
    properties: {
      Type: { type: 'string', required: true, enum: ['String', 'StringList'] },
      Value: { type: 'string', required: true },
      Name: { type: 'string', createOnly: true },
      Description: text,
      AllowedPattern: text,
      DataType: { type: 'string', enum: ['text', 'aws:ec2:image'] },
      Tier: { type: 'string', enum: ['Standard', 'Advanced', 'Intelligent-Tiering'] },
      // A mapping here, unlike the other types' lists of {Key, Value}.
      Tags: object,
    },
    attributes: { Type: 'string', Value: 'string' },
  },
  {
    typeName: 'AWS::SNS::Topic',
    properties: {
      TopicName: { type: 'string', createOnly: true },
      DisplayName: text,
      Subscription: { type: 'array' },
      FifoTopic: { type: 'boolean', createOnly: true },
      ContentBasedDeduplication: { type: 'boolean' },
      KmsMasterKeyId: text,
      Tags: tags,
    },
    attributes: { TopicArn: 'string', TopicName: 'string' },
  },
  {
    // What lets EventBridge (or another service) publish to a topic; CDK's targets.SnsTopic writes one.
    typeName: 'AWS::SNS::TopicPolicy',
    properties: {
      PolicyDocument: { ...json, required: true },
      Topics: { type: 'array', required: true },
    },
    attributes: { Id: 'string' },
  },
  {
    typeName: 'AWS::Events::Rule',
    properties: {
      Name: { type: 'string', createOnly: true },
      Description: text,
      EventBusName: { type: 'string', createOnly: true },
      EventPattern: json,
      ScheduleExpression: text,
      State: { type: 'string', enum: ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'] },
      Targets: { type: 'array' },
      RoleArn: text,
    },
    attributes: { Arn: 'string' },
  },
  {
    // What `cdk synth` adds when version reporting is on (the default): accepted so a CDK app's template deploys as
    // synthesized, and created as nothing.
    typeName: 'AWS::CDK::Metadata',
    properties: { Analytics: text },
    attributes: {},
    inert: true,
  },
];

function toSpec(native: NativeSpec): ResourceTypeSpec {
  const entries = Object.entries(native.properties);
  const attributeNames = Object.keys(native.attributes);
  return {
    typeName: native.typeName,
    kind: 'native',
    propertiesSchema: {
      type: 'object',
      properties: Object.fromEntries(entries.map(([name, p]) => [name, { type: p.type, ...(p.enum ? { enum: p.enum } : {}) }])),
      required: entries.filter(([, p]) => p.required).map(([name]) => name),
      additionalProperties: false,
    },
    readOnlyProperties: [],
    createOnlyProperties: entries.filter(([, p]) => p.createOnly).map(([name]) => name),
    checkAttribute: (attribute) =>
      attribute in native.attributes
        ? undefined
        : `${native.typeName} has no attribute ${attribute}${attributeNames.length > 0 ? ` (it has ${attributeNames.join(', ')})` : ''}`,
    attributeType: (attribute) => native.attributes[attribute],
    ...(native.inert ? { inert: true } : {}),
  };
}

export const NATIVE_TYPES: readonly ResourceTypeSpec[] = NATIVE_SPECS.map(toSpec);
