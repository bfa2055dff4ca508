/**
 * The research pipeline as a CDK app: `tsx examples/research-pipeline/cdk/app.ts` writes the cloud assembly to
 * CDK_OUTDIR (or cdk.out), and `npx aws-cdk synth` in this folder runs it through cdk.json. The template deploys with `orch deploy`
 * as pipeline.yaml does, with the same parameters.
 */
import { App, DefaultStackSynthesizer } from 'aws-cdk-lib';
import { ResearchPipelineStack } from './pipeline-stack';

const app = new App();
new ResearchPipelineStack(app, 'ResearchPipeline', {
  // No assets (inline code, an inline definition), so nothing needs the bootstrap stack: no BootstrapVersion check.
  synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
});
app.synth();
