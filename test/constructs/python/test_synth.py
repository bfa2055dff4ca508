"""A Python CDK app as a research team writes one, synthesized with the wheel jsii-pacmak builds.

Run by test/constructs/python.test.ts, which builds the wheel and installs it with aws-cdk-lib from PyPI into a
virtualenv of its own.
"""
import aws_cdk as cdk
from aws_cdk import assertions, aws_s3 as s3, aws_secretsmanager as secretsmanager, aws_ssm as ssm, aws_stepfunctions as sfn

import cfn_orchestration as orch


def synth():
    app = cdk.App()
    stack = cdk.Stack(app, "Research", env=cdk.Environment(account="123456789012", region="eu-west-1"))
    data = s3.Bucket(stack, "Data")
    machine = sfn.StateMachine(stack, "TrainMachine", definition_body=sfn.DefinitionBody.from_chainable(sfn.Pass(stack, "Train")))
    train = orch.StepFunctionsTask(
        stack, "TrainModel", state_machine=machine, input={"dataset": data.bucket_name, "epochs": 3}, rerun_on=["dataset-v7"]
    )
    ssm.StringParameter(stack, "ModelUri", parameter_name="/research/model-uri", string_value=train.output("model.uri"))
    config = orch.CfnS3FileReader(stack, "Config", bucket=data.bucket_name, key="config/train.json", expose={"Image": "image.tag"})
    token = secretsmanager.Secret(stack, "GitToken")
    orch.CfnGitCommitFromS3(
        stack,
        "Release",
        bucket=data.bucket_name,
        prefix="releases/",
        repository_url="https://github.com/org/models.git",
        commit_message="Release " + config.get_output("Image"),
        credentials=orch.CfnGitCommitFromS3Credentials(
            provider=orch.CfnGitCommitFromS3CredentialsProvider.SECRETS_MANAGER, secret_arn=token.secret_arn
        ),
    )
    return stack, assertions.Template.from_stack(stack)


def logical_id(template, resource_type):
    (name,) = template.find_resources(resource_type).keys()
    return name


def test_step_functions_task_output_feeds_a_parameter():
    stack, template = synth()
    task = logical_id(template, "Orch::StepFunctions::Task")
    template.has_resource_properties(
        "Orch::StepFunctions::Task",
        {
            "StateMachineArn": {"Ref": logical_id(template, "AWS::StepFunctions::StateMachine")},
            "Input": {"dataset": {"Ref": logical_id(template, "AWS::S3::Bucket")}, "epochs": 3},
            "Expose": {"ModelUri": "model.uri"},
            "RunToken": assertions.Match.string_like_regexp("^[0-9a-f]{64}$"),
        },
    )
    template.has_resource_properties("AWS::SSM::Parameter", {"Value": {"Fn::GetAtt": [task, "Outputs.ModelUri"]}})


def test_l1_classes_render_the_schema_names():
    _, template = synth()
    bucket = {"Ref": logical_id(template, "AWS::S3::Bucket")}
    template.has_resource_properties(
        "Orch::S3::FileReader", assertions.Match.exact({"Bucket": bucket, "Key": "config/train.json", "Expose": {"Image": "image.tag"}})
    )
    template.has_resource_properties(
        "Orch::Git::CommitFromS3",
        {
            "Bucket": bucket,
            "Prefix": "releases/",
            "CommitMessage": {"Fn::Join": ["", ["Release ", {"Fn::GetAtt": [logical_id(template, "Orch::S3::FileReader"), "Outputs.Image"]}]]},
            "Credentials": {"Provider": "SecretsManager", "SecretArn": {"Ref": logical_id(template, "AWS::SecretsManager::Secret")}},
        },
    )
