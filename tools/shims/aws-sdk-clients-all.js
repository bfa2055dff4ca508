// Stands in for 'aws-sdk/clients/all' in handler bundles. The cfn library loads that module only to look clients
// up by name (SessionProxy.client('S3')); its own log and metric delivery imports these three directly. Bundling
// all of SDK v2 would add megabytes to every handler and hundreds of milliseconds to every cold start.
module.exports = {
  CloudWatch: require('aws-sdk/clients/cloudwatch'),
  CloudWatchLogs: require('aws-sdk/clients/cloudwatchlogs'),
  S3: require('aws-sdk/clients/s3'),
};
