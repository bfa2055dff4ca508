import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';

export interface ClientOptions {
  readonly region: string;
  /** Absent: the SDK's default chain (environment, profile). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
}

/**
 * The SDK v3 clients the native providers use, made on first use. No endpoint is set here: the SDK reads
 * `AWS_ENDPOINT_URL` and its service-specific variants, the standard way, so the same code reaches moto or AWS.
 */
export class NativeClients {
  private readonly made = new Map<string, unknown>();

  constructor(private readonly options: ClientOptions) {}

  get s3(): S3Client {
    return this.client('s3', () => new S3Client({ ...this.options, forcePathStyle: true }));
  }
  get sfn(): SFNClient {
    return this.client('sfn', () => new SFNClient(this.options));
  }
  get iam(): IAMClient {
    return this.client('iam', () => new IAMClient(this.options));
  }
  get lambda(): LambdaClient {
    return this.client('lambda', () => new LambdaClient(this.options));
  }
  get secretsManager(): SecretsManagerClient {
    return this.client('secretsManager', () => new SecretsManagerClient(this.options));
  }
  get ssm(): SSMClient {
    return this.client('ssm', () => new SSMClient(this.options));
  }
  get sns(): SNSClient {
    return this.client('sns', () => new SNSClient(this.options));
  }
  get events(): EventBridgeClient {
    return this.client('events', () => new EventBridgeClient(this.options));
  }

  /** Closes the clients' connections, so a finished process is not held open by idle sockets. */
  destroy(): void {
    for (const client of this.made.values()) (client as { destroy(): void }).destroy();
    this.made.clear();
  }

  private client<T>(key: string, make: () => T): T {
    if (!this.made.has(key)) this.made.set(key, make());
    return this.made.get(key) as T;
  }
}
