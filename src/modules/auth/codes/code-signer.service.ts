import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { authConfig } from '../../../config/configuration';
import { codeMatches, hashCode } from './one-time-code';

/** Hashes and checks one-time codes with a key derived from the server secret. */
@Injectable()
export class CodeSigner {
  private readonly key: Buffer;

  constructor(@Inject(authConfig.KEY) config: ConfigType<typeof authConfig>) {
    this.key = createHash('sha256').update(`kabinet/one-time-codes/${config.jwtSecret}`).digest();
  }

  hash(context: string, code: string): string {
    return hashCode(this.key, context, code);
  }

  matches(context: string, code: string, storedHash: string): boolean {
    return codeMatches(this.key, context, code, storedHash);
  }
}
