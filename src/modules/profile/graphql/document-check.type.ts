import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { VerificationStatus } from '../profile.enums';

/** The registry-check fields every identity document shares. */
@ObjectType({ isAbstract: true })
export abstract class DocumentCheck {
  /** Not exposed: ties the document to its owner for events and audit. */
  id!: string;

  @Field(() => VerificationStatus, { description: 'Where the registry check stands.' })
  status!: VerificationStatus;

  @Field(() => GraphQLISODateTime, { description: 'When it was submitted.' })
  submittedAt!: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the registry confirmed it.',
  })
  verifiedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the check failed (REJECTED).' })
  rejectionReason!: string | null;
}
