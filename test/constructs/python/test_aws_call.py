"""Orch::Aws::Call from Python: typed calls, and output() filling the create call's Expose at synth."""
import aws_cdk as cdk
from aws_cdk import assertions, aws_ssm as ssm

import cfn_orchestration as orch


def test_aws_call_fills_expose_from_output_and_writes_each_call():
    app = cdk.App()
    stack = cdk.Stack(app, "Calls", env=cdk.Environment(account="123456789012", region="eu-west-1"))
    card = orch.AwsCall(
        stack,
        "ModelCard",
        on_create=orch.AwsSdkCall(service="s3", action="GetObject", parameters={"Bucket": "models", "Key": "card.json"}, parse_json=["Body"]),
        on_delete=orch.AwsSdkCall(service="s3", action="DeleteObject", parameters={"Bucket": "models", "Key": "card.json"}, ignore_error_codes_matching="NoSuchKey"),
    )
    ssm.StringParameter(stack, "Accuracy", string_value=card.output("Body.metrics.accuracy"))

    template = assertions.Template.from_stack(stack)
    [(logical_id, resource)] = template.find_resources("Orch::Aws::Call").items()
    on_create = resource["Properties"]["OnCreate"]
    assert on_create["Service"] == "s3" and on_create["Action"] == "GetObject" and on_create["ParseJson"] == ["Body"]
    assert list(on_create["Expose"].values()) == ["Body.metrics.accuracy"]
    assert resource["Properties"]["OnDelete"]["IgnoreErrorCodesMatching"] == "NoSuchKey"
    [name] = on_create["Expose"].keys()
    template.has_resource_properties("AWS::SSM::Parameter", {"Value": {"Fn::GetAtt": [logical_id, f"Outputs.{name}"]}})
