import { randomBytes } from 'node:crypto';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { CfnDriver } from '../../local/protocol';
import { MAX_JSON_OBJECT_BYTES } from '../../runtime/s3-object';
import { entrypoint } from '../../resource-types/s3-file-reader/src/handlers';
import { PRIMARY_IDENTIFIER, TYPE_NAME } from '../../resource-types/s3-file-reader/src/models';
import { bucket, putObject, s3 } from '../support/s3-objects';

const driver = () => new CfnDriver({ entrypoint, typeName: TYPE_NAME, primaryIdentifier: PRIMARY_IDENTIFIER });

const MODEL = { model: { uri: 's3://models/resnet', name: 'resnet' }, metrics: [{ acc: 0.91 }, { acc: 0.93 }], ok: true, noise: 'x' };

describe('Orch::S3::FileReader', () => {
  test('create reads the JSON object and exposes it, filtered by OutputPaths, as a tree of attributes', async () => {
    const b = await bucket();
    const { eTag } = await putObject(b, 'runs/1/result.json', MODEL);
    const result = await driver().create('Result', { Bucket: b, Key: 'runs/1/result.json', OutputPaths: ['model.uri', 'metrics.1', 'ok'] });

    expect(result.violations).toEqual([]);
    expect(result.status).toBe('SUCCESS');
    expect(result.model).toMatchObject({
      Bucket: b,
      Key: 'runs/1/result.json',
      // Fn::GetAtt [Result, Output.model.uri] is the pointer /Output/model/uri
      Output: { model: { uri: 's3://models/resnet' }, metrics: { 1: { acc: '0.93' } }, ok: 'true' },
      ETag: eTag,
      ObjectVersionId: '',
      Source: 'Object',
    });
    expect(result.model!.Id).toMatch(/^Result-[0-9a-f]{24}$/);
    expect(new Date(result.model!.LastModified as string).toISOString()).toBe(result.model!.LastModified);
  });

  test('without OutputPaths the whole document is exposed; a subtree deeper than the schema is one JSON string', async () => {
    const b = await bucket();
    await putObject(b, 'deep.json', { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } }, list: ['x'] });
    const result = await driver().create('Deep', { Bucket: b, Key: 'deep.json' });
    expect(result.status).toBe('SUCCESS');
    expect(result.model!.Output).toEqual({ a: { b: { c: { d: { e: { f: { g: { h: '{"i":1}' } } } } } } }, list: { 0: 'x' } });
  });

  describe('Expose and Outputs', () => {
    test('each name comes back one level down as a string: strings as they are, anything else as JSON that parses back', async () => {
      const b = await bucket();
      await putObject(b, 'result.json', MODEL);
      const result = await driver().create('Exposed', {
        Bucket: b,
        Key: 'result.json',
        OutputPaths: ['ok'],
        Expose: { ModelUri: 'model.uri', Accuracy: 'metrics.1.acc', Metrics: 'metrics', Ok: 'ok' },
      });
      expect(result.violations).toEqual([]);
      expect(result.status).toBe('SUCCESS');
      expect(result.model!.Outputs).toEqual({ ModelUri: 's3://models/resnet', Accuracy: '0.93', Metrics: '[{"acc":0.91},{"acc":0.93}]', Ok: 'true' });
      expect(JSON.parse((result.model!.Outputs as Record<string, string>).Metrics)).toEqual(MODEL.metrics);
      expect(result.model!.Output).toEqual({ ok: 'true' });
    });

    test('a path the document does not hold is InvalidRequest naming Expose.<name>, the path and the object, and leaves no record', async () => {
      const b = await bucket();
      await putObject(b, 'result.json', MODEL);
      const d = driver();
      const result = await d.create('NoLoss', { Bucket: b, Key: 'result.json', Expose: { ModelUri: 'model.uri', Loss: 'metrics.0.loss' } });
      expect(result.violations).toEqual([]);
      expect(result.status).toBe('FAILED');
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toBe(`Expose.Loss: no value at path 'metrics.0.loss' in object 'result.json' in bucket '${b}'`);
      expect((await d.list()).models!.filter((m) => m.Bucket === b)).toEqual([]);
    });

    test('Defaults count, and a path in neither says so', async () => {
      const b = await bucket();
      const d = driver();
      const defaults = { model: { uri: 's3://placeholder' }, metrics: [{ acc: 0 }] };
      const ok = await d.create('FromDefaults', { Bucket: b, Key: 'not/yet.json', Defaults: defaults, Expose: { ModelUri: 'model.uri', Accuracy: 'metrics.0.acc' } });
      expect(ok.status).toBe('SUCCESS');
      expect(ok.model!.Outputs).toEqual({ ModelUri: 's3://placeholder', Accuracy: '0' });
      const missing = await d.create('NotInDefaults', { Bucket: b, Key: 'not/yet.json', Defaults: defaults, Expose: { Loss: 'loss' } });
      expect(missing.errorCode).toBe('InvalidRequest');
      expect(missing.message).toBe(`Expose.Loss: no value at path 'loss' in Defaults (object 'not/yet.json' in bucket '${b}' does not exist)`);
    });

    test('an update that changes only Expose reads again, as OutputPaths does', async () => {
      const b = await bucket();
      await putObject(b, 'result.json', MODEL);
      const d = driver();
      const props = { Bucket: b, Key: 'result.json', Expose: { ModelUri: 'model.uri' } };
      const created = await d.create('ReExpose', props);
      await putObject(b, 'result.json', { ...MODEL, ok: false });
      const updated = await d.update('ReExpose', created.model!, props, { ...props, Expose: { Ok: 'ok' } });
      expect(updated.status).toBe('SUCCESS');
      expect(updated.model!.Outputs).toEqual({ Ok: 'false' });
    });
  });

  test('VersionId reads that version of an object in a versioned bucket', async () => {
    const b = await bucket({ versioned: true });
    const first = await putObject(b, 'model.json', { model: { uri: 's3://v1' } });
    const second = await putObject(b, 'model.json', { model: { uri: 's3://v2' } });
    const d = driver();

    const pinned = await d.create('Pinned', { Bucket: b, Key: 'model.json', VersionId: first.versionId });
    expect(pinned.status).toBe('SUCCESS');
    expect(pinned.model).toMatchObject({ Output: { model: { uri: 's3://v1' } }, ObjectVersionId: first.versionId, ETag: first.eTag });

    const latest = await d.create('Latest', { Bucket: b, Key: 'model.json' });
    expect(latest.model).toMatchObject({ Output: { model: { uri: 's3://v2' } }, ObjectVersionId: second.versionId, ETag: second.eTag });
  });

  describe('Defaults', () => {
    test('a missing object without Defaults is NotFound naming the bucket and the key, and leaves no record', async () => {
      const b = await bucket();
      const d = driver();
      const result = await d.create('Missing', { Bucket: b, Key: 'not/yet.json' });
      expect(result.violations).toEqual([]);
      expect(result.status).toBe('FAILED');
      expect(result.errorCode).toBe('NotFound');
      expect(result.message).toContain(`bucket '${b}'`);
      expect(result.message).toContain("object 'not/yet.json'");
      expect(result.message).toContain('Defaults');
      expect((await d.list()).models!.filter((m) => m.Bucket === b)).toEqual([]);
    });

    test('a missing object with Defaults succeeds with the defaults, and says so', async () => {
      const b = await bucket();
      const result = await driver().create('FirstDeploy', {
        Bucket: b,
        Key: 'not/yet.json',
        OutputPaths: ['model.uri'],
        Defaults: { model: { uri: 's3://models/placeholder', name: 'dropped by OutputPaths' } },
      });
      expect(result.violations).toEqual([]);
      expect(result.status).toBe('SUCCESS');
      expect(result.model).toMatchObject({
        Output: { model: { uri: 's3://models/placeholder' } },
        Source: 'Defaults',
        ETag: '',
        ObjectVersionId: '',
        LastModified: '',
      });
    });

    test('a requested path the object lacks is filled from Defaults; the object wins where it has a value', async () => {
      const b = await bucket();
      await putObject(b, 'partial.json', { model: { uri: 's3://real' }, list: [1, 2] });
      const result = await driver().create('Partial', {
        Bucket: b,
        Key: 'partial.json',
        OutputPaths: ['model', 'metrics.accuracy', 'list'],
        Defaults: { model: { uri: 's3://default', stage: 'dev' }, metrics: { accuracy: 0 }, list: [9, 9, 9] },
      });
      expect(result.status).toBe('SUCCESS');
      expect(result.model).toMatchObject({
        Output: { model: { uri: 's3://real', stage: 'dev' }, metrics: { accuracy: '0' }, list: { 0: '1', 1: '2' } },
        Source: 'Object',
      });
    });

    test('Defaults may be a string that holds JSON; one that does not is InvalidRequest naming Defaults', async () => {
      const b = await bucket();
      const d = driver();
      const ok = await d.create('StringDefaults', { Bucket: b, Key: 'absent.json', Defaults: '{"model":{"uri":"s3://from-string"}}' });
      expect(ok.model!.Output).toEqual({ model: { uri: 's3://from-string' } });

      await putObject(b, 'present.json', { v: 1 });
      const bad = await d.create('BadDefaults', { Bucket: b, Key: 'present.json', Defaults: '{not json' });
      expect(bad.errorCode).toBe('InvalidRequest');
      expect(bad.message).toMatch(/^Defaults: /);
    });
  });

  describe('objects it cannot use', () => {
    test('an object that is not JSON is InvalidRequest naming it', async () => {
      const b = await bucket();
      await putObject(b, 'page.html', '<html>secret words</html>', { ContentType: 'text/html' });
      const result = await driver().create('NotJson', { Bucket: b, Key: 'page.html', Defaults: { a: 1 } });
      expect(result.violations).toEqual([]);
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toContain(`object 'page.html' in bucket '${b}' does not hold JSON`);
      expect(result.message).toContain("Content-Type 'text/html'");
      expect(result.message).not.toContain('secret');
    });

    test('an object over the 10 MB read limit is InvalidRequest naming the limit; one at the limit is read', async () => {
      const b = await bucket();
      // Valid JSON of exactly `bytes` bytes: only the size can fail it.
      const document = (bytes: number) => `{"pad":"${'x'.repeat(bytes - 16)}","n":1}`;
      expect(Buffer.byteLength(document(MAX_JSON_OBJECT_BYTES))).toBe(MAX_JSON_OBJECT_BYTES);
      await putObject(b, 'huge.json', document(MAX_JSON_OBJECT_BYTES + 1));
      await putObject(b, 'limit.json', document(MAX_JSON_OBJECT_BYTES));
      const d = driver();

      const huge = await d.create('Huge', { Bucket: b, Key: 'huge.json', OutputPaths: ['n'] });
      expect(huge.violations).toEqual([]);
      expect(huge.errorCode).toBe('InvalidRequest');
      expect(huge.message).toContain(`object 'huge.json' in bucket '${b}' is larger than 10 MB`);

      const atLimit = await d.create('AtLimit', { Bucket: b, Key: 'limit.json', OutputPaths: ['n'] });
      expect(atLimit.status).toBe('SUCCESS');
      expect(atLimit.model!.Output).toEqual({ n: '1' });
    });

    test('a document under the read limit but too large to keep as attributes is InvalidRequest asking for OutputPaths', async () => {
      const b = await bucket();
      const items = Array.from({ length: 2000 }, () => randomBytes(500).toString('hex')); // about 2 MB that gzip cannot shrink enough
      await putObject(b, 'bulky.json', { items });
      const d = driver();
      const bulky = await d.create('Bulky', { Bucket: b, Key: 'bulky.json' });
      expect(bulky.errorCode).toBe('InvalidRequest');
      expect(bulky.message).toContain('OutputPaths');

      const filtered = await d.create('Bulky', { Bucket: b, Key: 'bulky.json', OutputPaths: ['items.7'] });
      expect(filtered.status).toBe('SUCCESS');
      expect(filtered.model!.Output).toEqual({ items: { 7: items[7] } });
    });
  });

  test('update reads the object again: a changed object gives a new ETag and content', async () => {
    const b = await bucket();
    await putObject(b, 'm.json', { v: 1 });
    const d = driver();
    const props = { Bucket: b, Key: 'm.json' };
    const created = await d.create('Upd', props);
    await putObject(b, 'm.json', { v: 2 });

    const updated = await d.update('Upd', created.model!, props, { ...props, RunToken: '2' });
    expect(updated.violations).toEqual([]);
    expect(updated.status).toBe('SUCCESS');
    expect(updated.model!.Id).toBe(created.model!.Id);
    expect(updated.model!.Output).toEqual({ v: '2' });
    expect(updated.model!.ETag).not.toBe(created.model!.ETag);
    expect((await d.read('Upd', created.model!)).model).toEqual(updated.model);
  });

  test('a failed update leaves the stored read, and the rollback to it reads nothing', async () => {
    const b = await bucket();
    await putObject(b, 'm.json', { v: 1 });
    const d = driver();
    const good = { Bucket: b, Key: 'm.json' };
    const bad = { Bucket: b, Key: 'missing.json' };
    const created = await d.create('Roll', good);
    await putObject(b, 'm.json', { v: 2 });

    const failed = await d.update('Roll', created.model!, good, bad);
    expect(failed.errorCode).toBe('NotFound');
    const rollback = await d.update('Roll', created.model!, bad, good);
    expect(rollback.status).toBe('SUCCESS');
    expect(rollback.model).toEqual(created.model);
  });

  test('the same create request sent twice reads once', async () => {
    const b = await bucket();
    await putObject(b, 'm.json', { v: 1 });
    const d = driver();
    const request = d.request('CREATE', 'Twice', { resourceProperties: { Bucket: b, Key: 'm.json' } });
    const first = await d.run(request);
    await putObject(b, 'm.json', { v: 2 });
    const second = await d.run(request);
    expect(second.status).toBe('SUCCESS');
    expect(second.model).toEqual(first.model);
  });

  test('read returns the stored record after the object is deleted; read, update and delete after delete give NotFound', async () => {
    const b = await bucket();
    await putObject(b, 'm.json', { v: 1 });
    const d = driver();
    const props = { Bucket: b, Key: 'm.json' };
    const created = await d.create('Life', props);
    await s3().send(new DeleteObjectCommand({ Bucket: b, Key: 'm.json' }));

    const read = await d.read('Life', created.model!);
    expect(read.status).toBe('SUCCESS');
    expect(read.model).toEqual(created.model);

    expect((await d.delete('Life', created.model!)).status).toBe('SUCCESS');
    for (const after of [await d.read('Life', created.model!), await d.update('Life', created.model!, props, { ...props, RunToken: '2' }), await d.delete('Life', created.model!)]) {
      expect(after.status).toBe('FAILED');
      expect(after.errorCode).toBe('NotFound');
      expect(after.message).toContain(created.model!.Id as string);
    }
  });

  test('list returns the records', async () => {
    const b = await bucket();
    await putObject(b, 'm.json', { v: 1 });
    const d = driver();
    const a = await d.create('ListA', { Bucket: b, Key: 'm.json' });
    const c = await d.create('ListB', { Bucket: b, Key: 'm.json' });
    const list = await d.list();
    expect(list.status).toBe('SUCCESS');
    expect(list.models!.map((m) => m.Id)).toEqual(expect.arrayContaining([a.model!.Id, c.model!.Id]));
  });

  describe('bad input', () => {
    test('a malformed bucket name is InvalidRequest naming Bucket', async () => {
      const result = await driver().create('Bad', { Bucket: 'Not A Bucket!', Key: 'k' });
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toContain('Bucket');
    });

    test('a missing Key is InvalidRequest naming it', async () => {
      const result = await driver().create('NoKey', { Bucket: 'some-bucket' });
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toContain('Key: required property is missing');
    });

    test('an unknown property is InvalidRequest naming it', async () => {
      const result = await driver().create('Unknown', { Bucket: 'some-bucket', Key: 'k', Path: 'k' });
      expect(result.errorCode).toBe('InvalidRequest');
      expect(result.message).toContain('Path: unknown property');
    });

    test('a bucket that does not exist is NotFound naming it, even with Defaults', async () => {
      const result = await driver().create('NoBucket', { Bucket: 'orch-no-such-bucket', Key: 'k.json', Defaults: {} });
      expect(result.violations).toEqual([]);
      expect(result.errorCode).toBe('NotFound');
      expect(result.message).toContain("Bucket: bucket 'orch-no-such-bucket' does not exist");
    });
  });
});
