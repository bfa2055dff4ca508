"""The research pipeline of pipeline.yaml as a Python CDK stack: the twin of ../cdk/pipeline-stack.ts, with the
cfn-orchestration constructs from the Python package (cfn-orchestration-constructs) that jsii builds from them."""
from pathlib import Path

from aws_cdk import (
    Acknowledgment,
    Aws,
    CfnCondition,
    CfnOutput,
    CfnParameter,
    Duration,
    Fn,
    RemovalPolicy,
    Stack,
    Validations,
    aws_events as events,
    aws_events_targets as targets,
    aws_iam as iam,
    aws_lambda as lambda_,
    aws_s3 as s3,
    aws_secretsmanager as secretsmanager,
    aws_sns as sns,
    aws_stepfunctions as sfn,
)
from constructs import Construct

import cfn_orchestration as orch

# The same state machine and function code as pipeline.yaml, read from the files that template inlines.
EXAMPLE = Path(__file__).resolve().parent.parent
TRAINING_DEFINITION = (EXAMPLE / "train-and-evaluate.asl.json").read_text()
DATASET_CODE = (EXAMPLE / "functions" / "dataset.js").read_text()


class ResearchPipelineStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        def text(name, **options):
            return CfnParameter(self, name, type="String", **options).value_as_string

        model_name = text("ModelName", default="classifier", allowed_pattern="^[a-z][a-z0-9-]{1,30}$")
        model_version = text("ModelVersion", default="1", allowed_pattern="^[0-9]{1,6}$")
        epochs = CfnParameter(self, "Epochs", type="Number", default=10, min_value=1, max_value=1000).value_as_string
        min_accuracy = text("MinAccuracy", default="0.8", allowed_pattern="^(0(\\.[0-9]+)?|1(\\.0+)?)$")
        dataset_version = text("DatasetVersion", default="2026-12-01", allowed_pattern="^[A-Za-z0-9._-]{1,64}$")
        dataset_rows = CfnParameter(self, "DatasetRows", type="Number", default=600, min_value=40, max_value=100000).value_as_string
        git_repository_url = text("GitRepositoryUrl", description="HTTPS URL of the release repository")
        git_credentials_secret_arn = text("GitCredentialsSecretArn", description='Secrets Manager secret with {"username", "password"}')
        Validations.of(self).acknowledge(
            Acknowledgment(id="CloudFormation-Validate::W2509", reason="GitCredentialsSecretArn names the secret; it holds no secret value")
        )
        git_server_is_local = text("GitServerIsLocal", default="false", allowed_values=["true", "false"])
        local_git_server = CfnCondition(self, "LocalGitServer", expression=Fn.condition_equals(git_server_is_local, "true"))

        # The data outlives the stack (and CloudFormation would not delete a bucket that holds objects).
        bucket = s3.Bucket(
            self, "DataBucket", versioned=True, block_public_access=s3.BlockPublicAccess.BLOCK_ALL, removal_policy=RemovalPolicy.RETAIN
        )
        topic = sns.Topic(self, "JobStatusTopic", display_name="Research pipeline job status")

        dataset_role = iam.Role(self, "DatasetFunctionRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
        dataset_role.add_to_policy(
            iam.PolicyStatement(
                actions=["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                resources=[f"arn:{self.partition}:logs:{self.region}:{self.account}:log-group:/aws/lambda/*"],
            )
        )
        bucket.grant_put(dataset_role, "datasets/*")
        dataset_function = lambda_.Function(
            self,
            "DatasetFunction",
            description="Writes the synthetic dataset into the input bucket (functions/dataset.js)",
            runtime=lambda_.Runtime.NODEJS_24_X,
            handler="index.handler",
            code=lambda_.Code.from_inline(DATASET_CODE),
            timeout=Duration.seconds(30),
            memory_size=256,
            role=dataset_role,
        )
        dataset = orch.LambdaTask(
            self,
            "Dataset",
            function=dataset_function,
            payload={
                "bucket": bucket.bucket_name,
                "key": f"datasets/{dataset_version}/train.jsonl",
                "version": dataset_version,
                "rows": dataset_rows,
                "folds": 4,
            },
        )

        training_role = iam.Role(self, "TrainingRole", assumed_by=iam.ServicePrincipal("states.amazonaws.com"))
        bucket.grant_read(training_role, "datasets/*")
        bucket.grant_put(training_role, "release/*")
        topic.grant_publish(training_role)
        machine = sfn.StateMachine(
            self,
            "TrainingStateMachine",
            definition_body=sfn.DefinitionBody.from_string(TRAINING_DEFINITION),
            definition_substitutions={"JobStatusTopicArn": topic.topic_arn},
            role=training_role,
        )

        # Step Functions reports every execution's end on the default event bus; the training machine's go to the topic.
        events.Rule(
            self,
            "JobStatusRule",
            description="Training job status changes, to the job status topic",
            event_pattern=events.EventPattern(
                source=["aws.states"],
                detail_type=["Step Functions Execution Status Change"],
                detail={"status": ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"], "stateMachineArn": [machine.state_machine_arn]},
            ),
            # The target also writes the topic's policy letting EventBridge publish (an AWS::SNS::TopicPolicy).
            targets=[targets.SnsTopic(topic)],
        )

        train = orch.StepFunctionsTask(
            self,
            "Train",
            state_machine=machine,
            input={
                "bucket": bucket.bucket_name,
                "dataset": {
                    "uri": dataset.output("uri"),
                    "key": dataset.output("key"),
                    "rows": dataset.output("rows"),
                    "sha256": dataset.output("sha256"),
                },
                "folds": dataset.output("folds"),
                "holdout": dataset.output("holdout"),
                "minAccuracy": min_accuracy,
                "model": {"name": model_name, "version": model_version, "epochs": epochs},
                "releasePrefix": f"release/{model_name}/v{model_version}/",
            },
        )
        accuracy = train.output("metrics.accuracy")
        f1 = train.output("metrics.f1")

        # The model card the training wrote, read again whenever training ran again.
        model_card = orch.S3FileReader(self, "ModelCard", bucket=bucket, key=train.output("modelCard.key"), rerun_on=[train.execution_arn])

        release = orch.GitCommitFromS3(
            self,
            "Release",
            bucket=bucket,
            prefix=train.output("release.prefix"),
            repository_url=git_repository_url,
            secret=secretsmanager.Secret.from_secret_complete_arn(self, "GitCredentials", git_credentials_secret_arn),
            target_directory=f"models/{model_name}",
            mirror=True,
            commit_message=f"Release {model_name} v{model_version}: holdout accuracy {accuracy}, f1 {f1}",
            tag=f"{model_name}-v{model_version}",
            rerun_on=[train.execution_arn],
        )
        # A template condition, not a synth-time boolean: the same synthesized template serves a local and a real server.
        release.node.default_child.add_property_override("AllowInsecureHttp", Fn.condition_if(local_git_server.logical_id, True, False))

        # Named after the stack as deployed (AWS::StackName), as pipeline.yaml's are, so two deployments never collide.
        def exported(name, value, description=None):
            CfnOutput(self, name, value=value, description=description, export_name=f"{Aws.STACK_NAME}-{name}")

        exported("DataBucketName", bucket.bucket_name, "The input bucket (datasets/ and release/)")
        exported("DatasetUri", dataset.output("uri"))
        exported("DatasetKey", dataset.output("key"))
        exported("JobStatusTopicArn", topic.topic_arn)
        exported("Accuracy", accuracy, "Holdout accuracy of the trained model")
        exported("F1", f1)
        CfnOutput(
            self,
            "ModelCardAccuracy",
            value=model_card.output("metrics.accuracy"),
            description="The accuracy the model card records (read back from S3)",
        )
        exported("ReleaseCommitSha", release.commit_sha)
        exported("ReleaseTag", f"{model_name}-v{model_version}")
