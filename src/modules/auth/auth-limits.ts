import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { authConfig } from '../../config/configuration';
import { AttemptLimit } from '../../core/rate-limit/index';

const FIFTEEN_MINUTES = 15 * 60;
const HOUR = 3600;
const DAY = 24 * HOUR;
/** A weak factor: API.md allows 3 security-answer tries a day per account. */
const SECURITY_ANSWERS_PER_DAY = 3;

/** The attempt limits of sign-in and recovery, from LOGIN_MAX_FAILURES and friends. */
@Injectable()
export class AuthLimits {
  /**
   * Password and code guesses per account (every login of it shares the count), or per login
   * spelling when it names no account; success starts the count afresh.
   */
  readonly credentialFailures: AttemptLimit;
  /**
   * The same guesses from a client that proved an earlier sign-in (a refresh token of the
   * account, or a signed-in session), counted per session: others' failures cannot block it.
   */
  readonly signedInFailures: AttemptLimit;
  /** Every registration, sign-in or recovery attempt from one IP. */
  readonly attemptsPerIp: AttemptLimit;
  /** Codes sent to one destination (registration, login, reset). */
  readonly codeRequests: AttemptLimit;
  readonly securityAnswers: AttemptLimit;

  constructor(@Inject(authConfig.KEY) config: ConfigType<typeof authConfig>) {
    this.credentialFailures = {
      name: 'login:acct',
      max: config.loginMaxFailures,
      windowSeconds: FIFTEEN_MINUTES,
    };
    this.signedInFailures = {
      name: 'login:sess',
      max: config.loginMaxFailures,
      windowSeconds: FIFTEEN_MINUTES,
    };
    this.attemptsPerIp = {
      name: 'login:ip',
      max: config.loginMaxPerIp,
      windowSeconds: FIFTEEN_MINUTES,
    };
    this.codeRequests = { name: 'code:req', max: config.codeMaxRequests, windowSeconds: HOUR };
    this.securityAnswers = {
      name: 'secq',
      max: SECURITY_ANSWERS_PER_DAY,
      windowSeconds: DAY,
    };
  }
}
