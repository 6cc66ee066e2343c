import { ArgsType, Field, ID } from 'type-graphql';
import { badUserInput } from '../../errors';

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
