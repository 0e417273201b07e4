import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { LinkVerification } from '../../identity';

/** The proof state every identifier link exposes (vehicles, children, profile identifiers). */
@ObjectType({ isAbstract: true })
export abstract class LinkProofFields {
  @Field(() => LinkVerification, {
    description:
      'Registry proof of the link: only VERIFIED links show personal events (fines, health, school, bills).',
  })
  verification!: LinkVerification;

  @Field(() => GraphQLISODateTime, {
    description: 'When the identifier was linked (or given new proof).',
  })
  linkedAt!: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      'When the registry confirmed it; personal events that occurred before it are not shown.',
  })
  verifiedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the link does not show personal events yet (Russian); null when VERIFIED.',
  })
  verificationNote!: string | null;
}
