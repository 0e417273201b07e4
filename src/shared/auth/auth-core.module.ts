import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { JwtStrategy } from './jwt.strategy';
import { TokenVerifier } from './token-verifier.service';

/** Token verification and the global guard; the auth module builds the ways to get tokens. */
@Global()
@Module({
  imports: [PassportModule, JwtModule.register({})],
  providers: [TokenVerifier, JwtStrategy],
  exports: [TokenVerifier, JwtModule],
})
export class AuthCoreModule {}
