"""The research pipeline as a Python CDK app (the twin of ../cdk/app.ts): `python app.py` writes the cloud assembly
to CDK_OUTDIR (or cdk.out); `npx aws-cdk synth` in this folder runs it through cdk.json. Needs aws-cdk-lib and the
cfn-orchestration-constructs wheel (`npm run package:python --workspace constructs`)."""
import aws_cdk as cdk

from pipeline_stack import ResearchPipelineStack

app = cdk.App()
# No assets (inline code, an inline definition), so nothing needs the bootstrap stack: no BootstrapVersion check.
ResearchPipelineStack(app, "ResearchPipeline", synthesizer=cdk.DefaultStackSynthesizer(generate_bootstrap_version_rule=False))
app.synth()
