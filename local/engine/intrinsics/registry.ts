import { base64 } from './base64';
import { equals } from './equals';
import { findInMap } from './find-in-map';
import { getAtt } from './get-att';
import { getAZs } from './get-azs';
import { fnIf } from './if';
import { importValue } from './import-value';
import { Intrinsic } from './intrinsic';
import { join } from './join';
import { and, not, or } from './logical';
import { IntrinsicName } from './names';
import { ref } from './ref';
import { select } from './select';
import { split } from './split';
import { sub } from './sub';

/** Every intrinsic by name: the compiler refuses this table when a name in INTRINSIC_NAMES has no implementation. */
export const INTRINSICS: Readonly<Record<IntrinsicName, Intrinsic>> = {
  Ref: ref,
  'Fn::GetAtt': getAtt,
  'Fn::Sub': sub,
  'Fn::Join': join,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::If': fnIf,
  'Fn::Equals': equals,
  'Fn::Not': not,
  'Fn::And': and,
  'Fn::Or': or,
  'Fn::ImportValue': importValue,
  'Fn::FindInMap': findInMap,
  'Fn::GetAZs': getAZs,
  'Fn::Base64': base64,
};
