"""Runs the unmodified `cfn test` contract suite against a local AWS.

The suite asks STS for temporary credentials and the account id through a fixed https://sts.<region>.amazonaws.com
endpoint that AWS_ENDPOINT_URL cannot redirect. This wrapper replaces exactly those two look-ups:

  rpdk.core.contract.resource_client.get_temporary_credentials  -> the session's own (local) credentials
  rpdk.core.contract.resource_client.get_account                 -> ORCH_LOCAL_ACCOUNT_ID (default 123456789012)
  (and rpdk.core.test.get_temporary_credentials, used to resolve {{Export}} placeholders through ListExports)

Everything else, including every case and assertion, is the cfn CLI's own. Usage: python cfn_test_local.py test [cfn test args]
"""
import os
import sys

import rpdk.core.contract.resource_client as resource_client
import rpdk.core.test as cfn_test
from rpdk.core.boto_helpers import BOTO_CRED_KEYS
from rpdk.core.cli import main


def local_credentials(session, key_names=BOTO_CRED_KEYS, role_arn=None, headers=None):
    frozen = session.get_credentials().get_frozen_credentials()
    values = (frozen.access_key, frozen.secret_key, frozen.token or "local-session-token")
    return dict(zip(key_names, values))


def local_account(session, temporary_credentials):
    return os.environ.get("ORCH_LOCAL_ACCOUNT_ID", "123456789012")


resource_client.get_temporary_credentials = local_credentials
resource_client.get_account = local_account
cfn_test.get_temporary_credentials = local_credentials

if __name__ == "__main__":
    sys.exit(main(args_in=sys.argv[1:]))
