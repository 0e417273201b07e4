import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Public } from '../../../shared/auth';
import { CurrentClient } from '../client-info.decorator';
import type { ClientInfo } from '../client-info.decorator';
import { AuthPayload } from '../graphql/auth.payload';
import { ConfirmRegistrationArgs } from '../graphql/confirm-registration.args';
import { RegisterInput } from '../graphql/register.input';
import { RegistrationPayload } from '../graphql/registration.payload';
import { RegistrationService } from './registration.service';

@Resolver()
export class RegistrationResolver {
  constructor(private readonly registration: RegistrationService) {}

  @Public()
  @Mutation(() => RegistrationPayload, {
    description:
      'Starts a registration: keeps the data and sends a 6-digit code by SMS to the phone. A taken phone or e-mail is reported only by `confirmRegistration`.',
  })
  register(
    @Args('input') input: RegisterInput,
    @CurrentClient() client: ClientInfo,
  ): Promise<RegistrationPayload> {
    return this.registration.register(input, client);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Checks the SMS code (5 attempts), creates the account (access level BASIC) and signs in. CONFLICT when the phone or e-mail already has an account.',
  })
  confirmRegistration(
    @Args() args: ConfirmRegistrationArgs,
    @CurrentClient() client: ClientInfo,
  ): Promise<AuthPayload> {
    return this.registration.confirm(args.registrationId, args.code, client);
  }
}
