import AWS from 'aws-sdk/global';

/** The global settings this module changes; SDK v2's typings list `endpoint` only on service configurations. */
type EndpointSettings = { endpoint?: string; s3ForcePathStyle?: boolean };

/**
 * Points the AWS SDK v2 clients of this process at `endpoint`: the cfn library delivers handler logs and metrics
 * with SDK v2 (CloudWatch Logs, S3, CloudWatch). SDK v2 (2.1693) reads neither AWS_ENDPOINT_URL nor `endpoint_url`
 * from the shared config; its standard setting is the global `AWS.config`, which every client built later starts
 * from. So a local run sets it here, in the process that loads the handler, and the handler code stays as shipped.
 * Returns a function that restores the previous settings.
 */
export function pointSdkV2At(endpoint: string): () => void {
  const config = AWS.config as unknown as EndpointSettings & { update(settings: EndpointSettings, allowUnknownKeys: boolean): void };
  const previous: EndpointSettings = { endpoint: config.endpoint, s3ForcePathStyle: config.s3ForcePathStyle };
  // Path-style S3: with an IP endpoint, virtual-host addressing would put the bucket name into the host name.
  config.update({ endpoint, s3ForcePathStyle: true }, true);
  return () => config.update(previous, true);
}
