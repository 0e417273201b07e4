import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { authConfig } from '../../../config/configuration';
import { AppException } from '../../../shared/errors';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { checkMobilePhone, cleanText } from '../../../shared/identifiers';
import { AttemptLimiter } from '../../../core/rate-limit/index';
import { MessagingService } from '../../messaging';
import { AuthLimits } from '../auth-limits';
import { AuthErrorCode, AuthException } from '../auth.exception';
import type { ClientInfo } from '../client-info.decorator';
import { CodeSigner } from '../codes/code-signer.service';
import { CODE_MAX_ATTEMPTS, generateCode } from '../codes/one-time-code';
import { loginKey } from '../../identity';
import { PasswordHasher } from '../credentials/password-hasher.service';
import { PendingRegistrationEntity } from '../entities/pending-registration.entity';
import { UserEntity } from '../../identity';
import { AuthPayload } from '../graphql/auth.payload';
import type { RegisterInput } from '../graphql/register.input';
import { RegistrationPayload } from '../graphql/registration.payload';
import { registrationCodeSms } from '../messages';
import { PendingRegistrationRepository } from '../repositories/pending-registration.repository';
import { UserRepository } from '../../identity';
import { SessionService } from '../sessions/session.service';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';

/**
 * Registration in two steps: `register` keeps the data (secrets hashed) and texts a code to the
 * phone; `confirmRegistration` checks it, creates the BASIC account and signs in. Whether the
 * phone or e-mail is taken is told only at confirmation, to someone who holds the phone.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly pending: PendingRegistrationRepository,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly signer: CodeSigner,
    private readonly limiter: AttemptLimiter,
    private readonly limits: AuthLimits,
    private readonly messaging: MessagingService,
    private readonly sessions: SessionService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async register(input: RegisterInput, client: ClientInfo): Promise<RegistrationPayload> {
    const checked = checkMobilePhone(input.phone);
    if (!checked.valid) {
      // Unreachable behind @IsRuMobilePhone; kept so the service is safe on its own.
      throw AppException.badInput([{ field: 'phone', message: checked.message }]);
    }
    const phone = checked.normalized;
    await this.limiter.consume(this.limits.attemptsPerIp, client.ip ?? 'unknown');
    await this.limiter.consume(this.limits.codeRequests, loginKey({ kind: 'phone', phone }));
    const [passwordHash, securityAnswerHash] = await Promise.all([
      this.hasher.hash(input.password),
      this.hasher.hashSecurityAnswer(input.securityAnswer),
    ]);
    const now = new Date();
    const id = randomUUID();
    const code = generateCode();
    const registration: PendingRegistrationEntity = Object.assign(new PendingRegistrationEntity(), {
      id,
      phone,
      payload: {
        lastName: cleanText(input.lastName),
        firstName: cleanText(input.firstName),
        middleName: input.middleName ? cleanText(input.middleName) || null : null,
        email: input.email ? cleanText(input.email).toLowerCase() : null,
        passwordHash,
        securityQuestion: cleanText(input.securityQuestion),
        securityAnswerHash,
      },
      codeHash: this.signer.hash(codeContext(id), code),
      attempts: 0,
      expiresAt: new Date(now.getTime() + this.config.otpTtlSeconds * 1000),
      createdAt: now,
    });
    await this.pending.insert(this.dataSource.manager, registration);
    await this.messaging.sendSms(phone, registrationCodeSms(code));
    return Object.assign(new RegistrationPayload(), {
      registrationId: id,
      codeExpiresAt: registration.expiresAt,
    });
  }

  async confirm(registrationId: string, code: string, client: ClientInfo): Promise<AuthPayload> {
    const now = new Date();
    const em = this.dataSource.manager;
    const registration = await this.pending.findById(em, registrationId);
    // The attempt is counted (atomically) before the code is compared: the sixth is refused.
    if (
      !registration ||
      registration.expiresAt <= now ||
      !(await this.pending.takeAttempt(em, registrationId, CODE_MAX_ATTEMPTS))
    ) {
      throw new AuthException(
        AuthErrorCode.REGISTRATION_EXPIRED,
        'Срок действия кода истёк или попытки закончились: зарегистрируйтесь заново',
      );
    }
    if (!this.signer.matches(codeContext(registrationId), code, registration.codeHash)) {
      throw new AuthException(AuthErrorCode.REGISTRATION_CODE_INVALID, 'Неверный код', {
        fields: [{ field: 'code', message: 'Неверный код' }],
      });
    }
    const { user, opened } = await this.tx.run(async (tx) => {
      const created = await this.createAccount(tx, registration, now);
      return { user: created, opened: await this.sessions.open(tx, created.id, client) };
    });
    return this.sessions.payload(user, opened);
  }

  private async createAccount(
    em: EntityManager,
    registration: PendingRegistrationEntity,
    now: Date,
  ): Promise<UserEntity> {
    const { payload } = registration;
    if (await this.users.findByPhone(em, registration.phone)) {
      throw phoneTaken();
    }
    if (payload.email && (await this.users.findByEmail(em, payload.email))) {
      throw emailTaken();
    }
    if (!(await this.pending.delete(em, registration.id))) {
      // A concurrent confirmation of the same registration won.
      throw new AuthException(AuthErrorCode.REGISTRATION_EXPIRED, 'Регистрация уже подтверждена');
    }
    const user: UserEntity = Object.assign(new UserEntity(), {
      id: randomUUID(),
      lastName: payload.lastName,
      firstName: payload.firstName,
      middleName: payload.middleName,
      phone: registration.phone,
      phoneSince: now,
      email: payload.email,
      passwordHash: payload.passwordHash,
      securityQuestion: payload.securityQuestion,
      securityAnswerHash: payload.securityAnswerHash,
      birthDate: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.users.insert(em, user);
    } catch (error) {
      throw duplicateToConflict(error);
    }
    return user;
  }
}

function codeContext(registrationId: string): string {
  return `REGISTRATION:${registrationId}`;
}

function phoneTaken(): AuthException {
  return new AuthException(
    AuthErrorCode.PHONE_TAKEN,
    'Этот номер телефона уже зарегистрирован: войдите или восстановите пароль',
  );
}

function emailTaken(): AuthException {
  return new AuthException(
    AuthErrorCode.EMAIL_TAKEN,
    'Этот адрес электронной почты уже используется другой учётной записью',
  );
}

// Two confirmations racing for the same phone or e-mail: the unique index decides.
function duplicateToConflict(error: unknown): unknown {
  if (!isDuplicateKey(error)) {
    return error;
  }
  return isDuplicateKey(error, 'UQ_users_email') ? emailTaken() : phoneTaken();
}
