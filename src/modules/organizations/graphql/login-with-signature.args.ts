import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

/** Arguments of `loginWithSignature`. */
@ArgsType()
export class LoginWithSignatureArgs {
  @Field(() => ID, { description: 'The id of a challenge from `requestSignatureChallenge`.' })
  @IsUUID()
  challengeId!: string;

  @Field({
    description:
      'The qualified certificate in PEM, optionally followed by the intermediate CAs of its chain.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(64 * 1024)
  certificate!: string;

  @Field({
    description:
      'Base64 signature of the nonce’s UTF-8 bytes: RSA PKCS#1 v1.5 or DER-encoded ECDSA P-256, SHA-256.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  signature!: string;
}
