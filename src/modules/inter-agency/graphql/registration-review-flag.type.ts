import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';

/** Why a PENDING registration may squat a mnemonic that is someone else's. */
export enum RegistrationFlagCode {
  /** Events naming the mnemonic are held aside: real traffic uses it, its owner is unproven. */
  HELD_TRAFFIC = 'HELD_TRAFFIC',
  /** Another organization's ACTIVE system with this mnemonic (either environment) has messages. */
  TRAFFIC_UNDER_OTHER_ORGANIZATION = 'TRAFFIC_UNDER_OTHER_ORGANIZATION',
  /** Another organization has a live registration of the mnemonic in the same environment. */
  COMPETING_REGISTRATION = 'COMPETING_REGISTRATION',
}

registerEnumType(RegistrationFlagCode, {
  name: 'RegistrationFlagCode',
  description:
    'Why a PENDING registration may squat someone else’s mnemonic: HELD_TRAFFIC, TRAFFIC_UNDER_OTHER_ORGANIZATION, COMPETING_REGISTRATION.',
});

@ObjectType({
  description:
    'A warning for the operator deciding a PENDING registration: the mnemonic has traffic or claims of another organization.',
})
export class RegistrationReviewFlag {
  @Field(() => RegistrationFlagCode, { description: 'What was found.' })
  code!: RegistrationFlagCode;

  @Field({ description: 'The reason, in Russian, for the operator.' })
  reason!: string;
}
