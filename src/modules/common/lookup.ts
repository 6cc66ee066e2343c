import { ArgsType, Field, ID } from 'type-graphql';
import { badUserInput } from '../../graphql/errors';

@ArgsType()
export class LookupArgs {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'Name, white space ignored; unknown names give null' })
  name?: string | null;
}

/** A lookup takes exactly one of id and name. */
export function lookupKey(args: LookupArgs): { id: string } | { name: string } {
  if ((args.id == null) === (args.name == null)) throw badUserInput('pass exactly one of id and name', 'id');
  return args.id != null ? { id: args.id } : { name: args.name as string };
}

/**
 * The key of an entity representation another service sent (`_entities`): the first of `keys` it
 * holds, which must be a string. A null, missing or non-string key is the sender's mistake,
 * BAD_USER_INPUT for that representation alone.
 */
export function referenceKey<Key extends string>(
  reference: Record<string, unknown>,
  keys: readonly [Key, ...Key[]],
): { field: Key; value: string } {
  const field = keys.find((key) => reference[key] != null) ?? keys[0];
  const value = reference[field];
  if (typeof value !== 'string') {
    const names = keys.map((key) => `"${key}"`).join(' or ');
    throw badUserInput(`a ${String(reference.__typename)} representation needs a string ${names}`, 'representations');
  }
  return { field, value };
}
