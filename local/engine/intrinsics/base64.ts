import { asString } from './args';
import { Intrinsic } from './intrinsic';

/** Fn::Base64 string: UTF-8 bytes in base64, as EC2 user data expects. */
export const base64: Intrinsic = {
  evaluate(args, path, { evaluate }) {
    return Buffer.from(asString(evaluate(args, path), path, 'the Fn::Base64 value'), 'utf8').toString('base64');
  },
};
