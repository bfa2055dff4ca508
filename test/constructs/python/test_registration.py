"""OrchestrationTypes from Python: an admin's registration stack and a research stack whose Orch resources it allows.

Run by test/constructs/python.test.ts with the wheel jsii-pacmak builds. The packages are stand-ins written here
(the construct only uploads them), so the test does not need `npm run package:types`.
"""
import aws_cdk as cdk
from aws_cdk import assertions, aws_s3 as s3, aws_stepfunctions as sfn

import cfn_orchestration as orch

ENV = cdk.Environment(account="123456789012", region="eu-west-1")


def test_registration_allows_what_the_research_stack_references(tmp_path):
    for name in ["orch-aws-call", "orch-git-commitfroms3", "orch-lambda-task", "orch-s3-filereader", "orch-s3-metadatareader", "orch-stepfunctions-task"]:
        (tmp_path / f"{name}.zip").write_bytes(b"stand-in package")
    app = cdk.App()
    registration = cdk.Stack(app, "OrchTypes", env=ENV)
    research = cdk.Stack(app, "Research", env=ENV)
    data = s3.Bucket(research, "Data")
    machine = sfn.StateMachine(research, "TrainMachine", definition_body=sfn.DefinitionBody.from_chainable(sfn.Pass(research, "Train")))
    orch.StepFunctionsTask(research, "TrainModel", state_machine=machine, input={"epochs": 3})
    orch.CfnS3FileReader(research, "Config", bucket=data.bucket_name, key="config/train.json")

    types = orch.OrchestrationTypes(
        registration,
        "Types",
        packages_directory=str(tmp_path),
        repository_urls=["https://github.com/my-org/*"],
        buckets=[orch.AllowedObjects(bucket=s3.Bucket.from_bucket_name(registration, "Shared", "shared-configs"), prefix="app/", type_names=["Orch::S3::FileReader"])],
    )
    types.allow_from(research)

    installed = assertions.Template.from_stack(registration)
    installed.resource_count_is("AWS::CloudFormation::ResourceVersion", 6)
    installed.resource_count_is("AWS::CloudFormation::ResourceDefaultVersion", 6)
    shared_objects = registration.resolve("arn:" + cdk.Aws.PARTITION + ":s3:::shared-configs/app/*")
    read_objects = assertions.Match.object_like({"Sid": "ReadObjects", "Resource": shared_objects})
    installed.has_resource_properties("AWS::IAM::Role", {
        "Policies": [assertions.Match.object_like({
            "PolicyName": "ResourceTypePolicy",
            "PolicyDocument": assertions.Match.object_like({"Statement": assertions.Match.array_with([read_objects])}),
        })],
    })
    # SetTypeConfiguration for the git type (its repositories) and for Orch::Aws::Call (its actions)
    installed.resource_count_is("Custom::AWS", 2)

    grants = assertions.Template.from_stack(research)
    sids = [s["Sid"] for p in grants.find_resources("AWS::IAM::Policy").values() for s in p["Properties"]["PolicyDocument"]["Statement"]]
    assert sorted(sids) == ["FollowExecutions", "ListBuckets", "ReadObjects", "StartExecutions"]
    assert registration in research.dependencies
    assert set(types.type_names) == set(orch.OrchestrationTypes.TYPE_NAMES)
