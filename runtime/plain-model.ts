import { BaseModel } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { withoutNulls } from './stable-json';

/**
 * The model class handed to the cfn library: it keeps resource properties exactly as CloudFormation sent them.
 *
 * The TypeScript plugin's generated classes rely on class-transformer 0.3 transform signatures; with the 0.5 line
 * the library requires they turn values into "[object Object]", and they drop unknown properties before a handler
 * could name them. Typed access comes from the interfaces generated into each type's `src/models.ts` instead.
 */
export function plainModel(typeName: string) {
  return class PlainModel extends BaseModel {
    static readonly TYPE_NAME = typeName;

    static deserialize<T>(json: unknown): T {
      if (json === null || json === undefined) return null as T;
      return Object.assign(new PlainModel(), JSON.parse(JSON.stringify(json))) as T;
    }

    serialize(): Record<string, unknown> {
      return withoutNulls({ ...this }) as Record<string, unknown>;
    }
  };
}
