import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

/** A started registration: confirm it with the SMS code before it expires. */
@ObjectType({ description: 'A registration waiting for the code sent by SMS.' })
export class RegistrationPayload {
  @Field(() => ID, { description: 'Pass to `confirmRegistration` with the code.' })
  registrationId!: string;

  @Field(() => GraphQLISODateTime, {
    description: 'When the code (and this registration) expires.',
  })
  codeExpiresAt!: Date;
}
