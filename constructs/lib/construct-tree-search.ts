import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * A test on a construct. An interface with one method rather than a function, so that every jsii language can
 * implement it: in Python, a class decorated with `@jsii.implements(IConstructPredicate)`; in TypeScript, an
 * object literal `{ matches: (c) => ... }` will do.
 */
export interface IConstructPredicate {
  /**
   * Whether `construct` is one the search is after (or, as a stop condition, one it must not pass).
   *
   * @param construct the construct under test
   */
  matches(construct: IConstruct): boolean;
}

/** Where a search starts and where it stops. */
export interface TreeSearchOptions {
  /**
   * Where the search stops. Down: a construct below the start that matches is left out, with everything under it
   * (such as a nested stack). Up: the walk ends at the first construct that matches, after testing it (such as the
   * stack).
   *
   * @default - down, the whole subtree; up, the root
   */
  readonly stopAt?: IConstructPredicate;

  /**
   * Whether the construct the search starts from is tested too.
   *
   * @default true
   */
  readonly includeStart?: boolean;
}

/** Predicates the searches often need, for languages where writing a class for one is a chore. */
export class ConstructPredicates {
  /** Matches stacks (nested stacks included): as a stop condition, it keeps a search within one stack. */
  public static stack(): IConstructPredicate {
    return { matches: (c) => Stack.isStack(c) };
  }

  /**
   * Matches CloudFormation resources of any of the given types, such as `Orch::StepFunctions::Task`.
   *
   * @param types CloudFormation type names
   */
  public static cfnResourceType(...types: string[]): IConstructPredicate {
    return { matches: (c) => CfnResource.isCfnResource(c) && types.includes(c.cfnResourceType) };
  }

  /**
   * Matches constructs that match any of the predicates.
   *
   * @param predicates the alternatives
   */
  public static anyOf(...predicates: IConstructPredicate[]): IConstructPredicate {
    return { matches: (c) => predicates.some((p) => p.matches(c)) };
  }

  /**
   * Matches constructs the predicate does not match.
   *
   * @param predicate the predicate to negate
   */
  public static negate(predicate: IConstructPredicate): IConstructPredicate {
    return { matches: (c) => !predicate.matches(c) };
  }

  private constructor() {}
}

/**
 * Finds constructs up and down the construct tree by a predicate, with stop conditions: the resources a subtree
 * holds (down), or the nearest enclosing construct of a kind (up).
 */
export class ConstructTreeSearch {
  /**
   * @param predicate what the search is after
   */
  public constructor(private readonly predicate: IConstructPredicate) {}

  /**
   * Every construct from `start` down that the predicate matches, parents before children and children in the
   * order they were added.
   *
   * @param start the root of the subtree to search
   * @param options the stop condition, and whether `start` itself counts
   */
  public findDown(start: IConstruct, options: TreeSearchOptions = {}): IConstruct[] {
    const found: IConstruct[] = [];
    const visit = (construct: IConstruct): void => {
      const isStart = construct === start;
      if (!isStart && options.stopAt?.matches(construct)) return;
      if ((!isStart || options.includeStart !== false) && this.predicate.matches(construct)) found.push(construct);
      for (const child of construct.node.children) visit(child);
    };
    visit(start);
    return found;
  }

  /**
   * The nearest construct from `start` up to the root (or the stop condition) that the predicate matches, or
   * undefined when there is none.
   *
   * @param start where the walk up begins
   * @param options the stop condition, and whether `start` itself counts
   */
  public tryFindUp(start: IConstruct, options: TreeSearchOptions = {}): IConstruct | undefined {
    for (let construct: IConstruct | undefined = start; construct; construct = construct.node.scope) {
      const counts = construct !== start || options.includeStart !== false;
      if (counts && this.predicate.matches(construct)) return construct;
      if (options.stopAt?.matches(construct)) return undefined;
    }
    return undefined;
  }

  /**
   * The nearest construct from `start` up that the predicate matches, as tryFindUp; throws when there is none.
   *
   * @param start where the walk up begins
   * @param options the stop condition, and whether `start` itself counts
   */
  public findUp(start: IConstruct, options: TreeSearchOptions = {}): IConstruct {
    const found = this.tryFindUp(start, options);
    if (!found) throw new Error(`${start.node.path || '(root)'}: no construct on the way up matches the predicate`);
    return found;
  }
}
