import { asString } from './args';
import { Intrinsic } from './intrinsic';

/** Fn::GetAZs region; an empty string means the stack's region, as in CloudFormation. */
export const getAZs: Intrinsic = {
  evaluate(args, path, { context, evaluate }) {
    const region = asString(evaluate(args, path), path, 'the Fn::GetAZs region');
    return context.availabilityZones(region || String(context.pseudoParameters.get('AWS::Region')));
  },
};
