import { Field, ObjectType } from '@nestjs/graphql';
import { LinkVerification } from '../../identity';

@ObjectType({
  description:
    'An identifier of mine a widget reads that is not proven yet: until it is VERIFIED the widget shows only public events about it.',
})
export class WidgetPendingProof {
  @Field({
    description:
      'The profile field it belongs to (vehicles, children, driverLicense, payerCode, electricityAccount, omsPolicy).',
  })
  field!: string;

  @Field({ description: 'The identifier (a plate, a SNILS, a code) as stored.' })
  value!: string;

  @Field(() => LinkVerification, { description: 'Where its registry proof stands.' })
  verification!: LinkVerification;

  @Field({ description: 'Why it waits and what to do (Russian, for the person).' })
  reason!: string;
}
