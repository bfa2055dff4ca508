import { asString } from './args';
import { Intrinsic } from './intrinsic';

/** Fn::ImportValue name: another stack's export, through the resolver (the engine's export table). */
export const importValue: Intrinsic = {
  evaluate(args, path, { context, evaluate }) {
    const name = asString(evaluate(args, path), path, 'the Fn::ImportValue export name');
    return context.resolver.importValue(name, path);
  },
};
