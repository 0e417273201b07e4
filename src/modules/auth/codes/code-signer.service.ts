import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { authConfig } from '../../../config/configuration';
import { deriveKey } from '../../../shared/auth';
import { codeMatches, hashCode } from './one-time-code';

/**
 * Hashes and checks one-time codes with a key of their own, derived from SECRETS_MASTER_KEY.
 * Rotating the master key makes the codes still pending (at most OTP_TTL_SECONDS old) fail.
 */
@Injectable()
export class CodeSigner {
  private readonly key: Buffer;

  constructor(@Inject(authConfig.KEY) config: ConfigType<typeof authConfig>) {
    this.key = deriveKey(config.masterKey, 'one-time-code-hash/v1');
  }

  hash(context: string, code: string): string {
    return hashCode(this.key, context, code);
  }

  matches(context: string, code: string, storedHash: string): boolean {
    return codeMatches(this.key, context, code, storedHash);
  }
}
