import { HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import { CfnDriver } from '../../local/protocol';
import { entrypoint } from '../../resource-types/s3-metadata-reader/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/s3-metadata-reader/src/models';

/** Faults moto cannot produce, injected with aws-sdk-client-mock; the task records still go to the local moto. */

const driver = () => new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER });

describe('Orch::S3::MetadataReader under injected faults', () => {
  let s3: AwsStub<any, any, any>;

  beforeEach(() => {
    s3 = mockClient(S3Client);
  });

  afterEach(() => {
    s3.restore();
  });

  test('HeadObject denied on a bucket shared by another account (bare 403 Forbidden) fails with AccessDenied naming the bucket', async () => {
    // A HEAD response has no body, so the SDK only has the status to name the error by.
    s3.on(HeadObjectCommand).rejects(new S3ServiceException({ name: 'Forbidden', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'UnknownError' }));

    const result = await driver().create('CrossAccount', { Bucket: 'shared-by-account-b', Key: 'models/m.tar.gz', Defaults: { stage: 'none' } });

    expect(result.violations).toEqual([]);
    expect(result.status).toBe('FAILED');
    expect(result.errorCode).toBe('AccessDenied');
    expect(result.message).toContain("bucket 'shared-by-account-b'");
    expect(result.message).toContain("object 'models/m.tar.gz'");
  });
});
