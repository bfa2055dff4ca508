import {
  DeleteParametersCommand,
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  SSMServiceException,
} from '@aws-sdk/client-ssm';
import { AwsStub } from 'aws-sdk-client-mock';

/** Just enough of Parameter Store, in memory, with the real service's error names. */
export function fakeParameterStore(ssm: AwsStub<any, any, any>) {
  const params = new Map<string, string>();
  const notFound = (name: string) =>
    new SSMServiceException({ name: 'ParameterNotFound', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: `Parameter ${name} not found.` });
  ssm.on(GetParameterCommand).callsFake(({ Name }) => {
    if (!params.has(Name)) throw notFound(Name);
    return { Parameter: { Name, Value: params.get(Name) } };
  });
  ssm.on(GetParametersCommand).callsFake(({ Names }) => ({
    Parameters: (Names as string[]).filter((n) => params.has(n)).map((n) => ({ Name: n, Value: params.get(n) })),
  }));
  ssm.on(DeleteParametersCommand).callsFake(({ Names }) => {
    const deleted = (Names as string[]).filter((n) => params.delete(n));
    return { DeletedParameters: deleted, InvalidParameters: (Names as string[]).filter((n) => !deleted.includes(n)) };
  });
  ssm.on(GetParametersByPathCommand).callsFake(({ Path, Recursive }) => ({
    Parameters: [...params]
      .filter(([n]) => n.startsWith(`${Path}/`) && (Recursive || !n.slice(Path.length + 1).includes('/')))
      .map(([Name, Value]) => ({ Name, Value })),
  }));
  const put = ({ Name, Value }: { Name: string; Value: string }) => {
    params.set(Name, Value);
    return { Version: 1 };
  };
  return { params, put };
}

