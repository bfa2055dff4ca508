// Writes the pipeline's dataset into the input bucket: synthetic labelled rows as JSON Lines, split into folds for
// training and one holdout fold for evaluation. A Node.js Lambda function (its runtime ships the AWS SDK v3), invoked
// once per deploy that changes its payload by an Orch::Lambda::Task, which exposes what it returns.
// The same text is the template's inline Code.ZipFile and the CDK app's Code.fromInline (a test keeps them equal).
const { createHash } = require('node:crypto');
const { PutObjectCommand, S3Client } = require('@aws-sdk/client-s3');

// A seeded generator: the same DatasetVersion always gives the same rows, so a redeploy reproduces the dataset.
function generator(seed) {
  let state = createHash('sha256').update(String(seed)).digest().readUInt32LE(0) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

// The holdout's score under the rule the labels were drawn from: label noise bounds what any model can reach.
function score(rows) {
  let tp = 0, fp = 0, fn = 0, correct = 0;
  for (const r of rows) {
    const predicted = r.x1 + r.x2 > 1 ? 1 : 0;
    if (predicted === r.label) correct++;
    if (predicted === 1 && r.label === 1) tp++;
    if (predicted === 1 && r.label === 0) fp++;
    if (predicted === 0 && r.label === 1) fn++;
  }
  const round = (n) => Math.round(n * 1000) / 1000;
  return { rows: rows.length, accuracy: round(correct / rows.length), f1: round((2 * tp) / (2 * tp + fp + fn)) };
}

exports.handler = async (event) => {
  const { bucket, key, version } = event;
  const count = Number(event.rows ?? 600);
  const foldCount = Number(event.folds ?? 4);
  const noise = Number(event.labelNoise ?? 0.08);
  if (!bucket || !key || !version) throw new Error('the payload needs bucket, key and version');
  const random = generator(version);
  const rows = Array.from({ length: count }, (_, i) => {
    const x1 = Math.round(random() * 1000) / 1000;
    const x2 = Math.round(random() * 1000) / 1000;
    const clean = x1 + x2 > 1 ? 1 : 0;
    return { id: i, fold: (i % foldCount) + 1, x1, x2, label: random() < noise ? 1 - clean : clean };
  });
  const body = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  await new S3Client({}).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/x-ndjson' }));
  const training = Array.from({ length: foldCount - 1 }, (_, i) => ({ fold: i + 1, rows: rows.filter((r) => r.fold === i + 1).length }));
  return {
    uri: `s3://${bucket}/${key}`,
    key,
    rows: count,
    sha256: createHash('sha256').update(body).digest('hex'),
    folds: training,
    holdout: { fold: foldCount, ...score(rows.filter((r) => r.fold === foldCount)) },
  };
};
