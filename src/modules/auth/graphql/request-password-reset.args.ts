import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsString, MaxLength } from 'class-validator';
import { LOGIN_DESCRIPTION } from './args.constants';
import { RecoveryChannel } from './recovery-channel.enum';

/** Arguments of `requestPasswordReset`. */
@ArgsType()
export class RequestPasswordResetArgs {
  @Field({ description: LOGIN_DESCRIPTION })
  @IsString()
  @MaxLength(254)
  login!: string;

  @Field(() => RecoveryChannel, { description: 'Where to send the code.' })
  @IsEnum(RecoveryChannel)
  channel!: RecoveryChannel;
}
