"""A Python CDK app as a research team writes one, synthesized with the wheel jsii-pacmak builds.

Run by test/constructs/python.test.ts, which builds the wheel and installs it with aws-cdk-lib from PyPI into a
virtualenv of its own.
"""
import aws_cdk as cdk
import jsii
from aws_cdk import assertions, aws_s3 as s3, aws_secretsmanager as secretsmanager, aws_ssm as ssm, aws_stepfunctions as sfn

import cfn_orchestration as orch


@jsii.implements(orch.IConstructPredicate)
class IsOrchResource:
    """A ConstructTreeSearch predicate written in Python: the resources of the Orch types."""

    def matches(self, construct):
        return cdk.CfnResource.is_cfn_resource(construct) and construct.cfn_resource_type.startswith("Orch::")


@jsii.implements(orch.IConstructPredicate)
class HasId:
    """Matches the constructs of one id; a stop condition in the searches below."""

    def __init__(self, construct_id):
        self.construct_id = construct_id

    def matches(self, construct):
        return construct.node.id == self.construct_id


def synth():
    app = cdk.App()
    stack = cdk.Stack(app, "Research", env=cdk.Environment(account="123456789012", region="eu-west-1"))
    data = s3.Bucket(stack, "Data")
    machine = sfn.StateMachine(stack, "TrainMachine", definition_body=sfn.DefinitionBody.from_chainable(sfn.Pass(stack, "Train")))
    train = orch.StepFunctionsTask(
        stack, "TrainModel", state_machine=machine, input={"dataset": data.bucket_name, "epochs": 3}, rerun_on=["dataset-v7"]
    )
    ssm.StringParameter(stack, "ModelUri", parameter_name="/research/model-uri", string_value=train.output("model.uri"))
    config = orch.S3FileReader(stack, "Config", bucket=data, key="config/train.json", defaults={"image": {"tag": "latest"}})
    token = secretsmanager.Secret(stack, "GitToken")
    release = orch.GitCommitFromS3(
        stack,
        "Release",
        bucket=data,
        prefix="releases/",
        repository_url="https://github.com/org/models.git",
        secret=token,
        commit_message="Release " + config.output("image.tag"),
        tag="v7",
    )
    release.execute_after(train)
    ssm.StringParameter(stack, "ReleaseSha", parameter_name="/research/release-sha", string_value=release.commit_sha)
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


def test_file_reader_output_feeds_the_commit_message_and_the_secret_goes_by_reference():
    _, template = synth()
    bucket = {"Ref": logical_id(template, "AWS::S3::Bucket")}
    template.has_resource_properties(
        "Orch::S3::FileReader",
        assertions.Match.exact(
            {
                "Bucket": bucket,
                "Key": "config/train.json",
                "Defaults": {"image": {"tag": "latest"}},
                "OutputPaths": [],
                "Expose": {"ImageTag": "image.tag"},
            }
        ),
    )
    release = logical_id(template, "Orch::Git::CommitFromS3")
    template.has_resource_properties(
        "Orch::Git::CommitFromS3",
        assertions.Match.exact(
            {
                "Bucket": bucket,
                "Prefix": "releases/",
                "RepositoryUrl": "https://github.com/org/models.git",
                "CommitMessage": {
                    "Fn::Join": ["", ["Release ", {"Fn::GetAtt": [logical_id(template, "Orch::S3::FileReader"), "Outputs.ImageTag"]}]]
                },
                "Tag": "v7",
                "Credentials": {"Provider": "SecretsManager", "SecretArn": {"Ref": logical_id(template, "AWS::SecretsManager::Secret")}},
            }
        ),
    )
    template.has_resource(
        "Orch::Git::CommitFromS3", {"DependsOn": assertions.Match.array_with([logical_id(template, "Orch::StepFunctions::Task")])}
    )
    template.has_resource_properties("AWS::SSM::Parameter", {"Value": {"Fn::GetAtt": [release, "CommitSha"]}})


def test_a_python_predicate_searches_the_tree():
    stack, _ = synth()
    found = orch.ConstructTreeSearch(IsOrchResource()).find_down(stack)
    assert [c.node.path for c in found] == ["Research/TrainModel/Resource", "Research/Config/Resource", "Research/Release/Resource"]

    before_release = orch.ConstructTreeSearch(IsOrchResource()).find_down(stack, stop_at=HasId("Release"))
    assert [c.node.path for c in before_release] == ["Research/TrainModel/Resource", "Research/Config/Resource"]

    (resource,) = [c for c in found if c.node.path == "Research/Release/Resource"]
    assert orch.ConstructTreeSearch(orch.ConstructPredicates.stack()).find_up(resource) is stack
    assert orch.ConstructTreeSearch(HasId("Research")).try_find_up(resource, stop_at=HasId("Release")) is None
