import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { authConfig } from '../../../config/configuration';
import type { AuthPrincipal } from '../../../shared/auth';
import { perTurnBatch } from '../../../shared/database/per-turn-batch';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { LiveAccessEvents } from '../../../core/pubsub/live-access.events';
import { AuthErrorCode, AuthException } from '../auth.exception';
import type { ClientInfo } from '../client-info.decorator';
import { SessionEndReason, SessionEntity } from '../entities/session.entity';
import type { UserEntity } from '../../identity';
import { AuthPayload } from '../graphql/auth.payload';
import { AccessLevel } from '../graphql/access-level.enum';
import { Session } from '../graphql/session.type';
import { User } from '../graphql/user.type';
import { toUser } from '../graphql/user.mapper';
import { RefreshTokenRepository } from '../repositories/refresh-token.repository';
import { SessionRepository } from '../repositories/session.repository';
import { UserRepository } from '../../identity';
import { AccessTokenIssuer } from './access-token.issuer';
import { hashRefreshToken, newRefreshToken } from './refresh-token';

const DAY_MS = 24 * 3600 * 1000;

/** Context a session acts in (set by later issues: organizations, student login). */
export interface SessionContext {
  organizationId?: string | null;
  actingChildId?: string | null;
  /** A developer representative acting for `organizationId` (its TEST systems only). */
  developerRepresentative?: boolean;
}

/** A session just written, with the plain refresh token the client gets once. */
export interface OpenedSession {
  session: SessionEntity;
  refreshToken: string;
}

type Rotation =
  | { kind: 'rotated'; opened: OpenedSession }
  | { kind: 'invalid' }
  | { kind: 'reused'; userId: string }
  | { kind: 'maxAge' };

/**
 * Sessions and their tokens: opening (every sign-in), refresh-token rotation with reuse detection,
 * listing and ending. Access tokens carry the session id, and {@link isActive} runs on every
 * request, so an ended session's access tokens stop working at once.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly sessions: SessionRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly users: UserRepository,
    private readonly accessTokens: AccessTokenIssuer,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
    private readonly liveAccess: LiveAccessEvents,
  ) {}

  /** Signs the account in: a new session and its tokens. */
  async start(
    user: UserEntity,
    client: ClientInfo,
    context: SessionContext = {},
  ): Promise<AuthPayload> {
    const opened = await this.tx.run((em) => this.open(em, user.id, client, context));
    return this.payload(user, opened);
  }

  /**
   * Moves a signed-in account to another context (`selectOrganization`): a new session with its
   * tokens, and the caller's current one ended in the same transaction, so its tokens stop
   * working at once.
   */
  async switchContext(
    user: UserEntity,
    currentSessionId: string | null,
    client: ClientInfo,
    context: SessionContext,
  ): Promise<AuthPayload> {
    const opened = await this.tx.run(async (em) => {
      if (currentSessionId) {
        await this.sessions.revoke(em, currentSessionId, SessionEndReason.Revoked, new Date());
      }
      return this.open(em, user.id, client, context);
    });
    if (currentSessionId) {
      await this.announceEnded(user.id);
    }
    return this.payload(user, opened);
  }

  /** Writes a new session and its first refresh token (inside the caller's transaction). */
  async open(
    em: EntityManager,
    userId: string,
    client: ClientInfo,
    context: SessionContext = {},
  ): Promise<OpenedSession> {
    const now = new Date();
    const session: SessionEntity = Object.assign(new SessionEntity(), {
      id: randomUUID(),
      userId,
      createdAt: now,
      lastUsedAt: now,
      expiresAt: this.refreshExpiry(now, now),
      userAgent: client.userAgent,
      ip: client.ip,
      revokedAt: null,
      revokeReason: null,
      organizationId: context.organizationId ?? null,
      actingChildId: context.actingChildId ?? null,
      developerRepresentative: !!(context.organizationId && context.developerRepresentative),
    });
    await this.sessions.insert(em, session);
    const refreshToken = await this.issueRefreshToken(em, session.id, now);
    return { session, refreshToken };
  }

  /** The sign-in answer for an opened session (signs the access token). */
  async payload(user: UserEntity, opened: OpenedSession): Promise<AuthPayload> {
    const childId = opened.session.actingChildId;
    return Object.assign(new AuthPayload(), {
      accessToken: await this.accessTokens.sign(opened.session),
      refreshToken: opened.refreshToken,
      expiresIn: this.accessTokens.ttlSeconds,
      // A student session signs in with the parent's password but acts for the child only: its
      // answer describes the child, never the parent's account.
      user: childId ? await this.studentView(childId) : toUser(user),
      organizationId: opened.session.organizationId,
    });
  }

  private async studentView(childId: string): Promise<User> {
    const child = await this.users.findChildView(this.dataSource.manager, childId);
    if (!child) {
      throw AuthException.invalidCredentials();
    }
    return Object.assign(new User(), {
      ...child,
      // A child has no phone or e-mail of its own in the account.
      phone: '',
      email: null,
      accessLevel: AccessLevel.BASIC,
    });
  }

  /**
   * Rotates a refresh token: the presented one is used up and a new one returned. A token that
   * was already used is taken as stolen, and the whole session ends.
   */
  async refresh(presented: string, client: ClientInfo): Promise<AuthPayload> {
    const now = new Date();
    const hash = hashRefreshToken(presented);
    // The revocation on reuse must commit, so the transaction returns a verdict and the error
    // is thrown after it.
    const rotation = await this.tx.run(async (em): Promise<Rotation> => {
      const token = await this.refreshTokens.findByHash(em, hash);
      if (!token) {
        return { kind: 'invalid' };
      }
      const session = await this.sessions.findByIdForUpdate(em, token.sessionId);
      if (!session || session.revokedAt || session.expiresAt <= now) {
        return { kind: 'invalid' };
      }
      // Checked against the setting, not only the stored expiry, so a lowered SESSION_MAX_DAYS
      // applies to sessions opened before the change too.
      if (session.createdAt <= this.maxAgeCutoff(now)) {
        return { kind: 'maxAge' };
      }
      if (!(await this.refreshTokens.markUsed(em, token.id, now))) {
        await this.sessions.revoke(em, session.id, SessionEndReason.RefreshTokenReused, now);
        return { kind: 'reused', userId: session.userId };
      }
      const changes = {
        lastUsedAt: now,
        expiresAt: this.refreshExpiry(session.createdAt, now),
        ip: client.ip,
        userAgent: client.userAgent,
      };
      await this.sessions.touch(em, session.id, changes);
      await this.refreshTokens.pruneUsed(em, session.id, new Date(now.getTime() - this.ttlMs()));
      const refreshToken = await this.issueRefreshToken(em, session.id, now);
      return { kind: 'rotated', opened: { session: { ...session, ...changes }, refreshToken } };
    });
    if (rotation.kind === 'reused') {
      await this.announceEnded(rotation.userId);
      throw new AuthException(
        AuthErrorCode.REFRESH_TOKEN_REUSED,
        'Этот токен обновления уже использован: сеанс завершён, войдите снова',
      );
    }
    if (rotation.kind === 'maxAge') {
      throw new AuthException(
        AuthErrorCode.SESSION_MAX_AGE_REACHED,
        `Сеанс действует не дольше ${this.config.sessionMaxDays} дн. с момента входа: войдите снова`,
      );
    }
    const user =
      rotation.kind === 'rotated'
        ? await this.users.findById(this.dataSource.manager, rotation.opened.session.userId)
        : null;
    if (rotation.kind === 'invalid' || !user) {
      throw new AuthException(
        AuthErrorCode.REFRESH_TOKEN_INVALID,
        'Сеанс завершён или истёк, войдите снова',
      );
    }
    return this.payload(user, rotation.opened);
  }

  /**
   * The session behind a refresh token the client still holds for this account: proof that the
   * client signed in to it before. Null for an unknown, used or foreign token, or a session no
   * longer in force. The token is looked up even without an account, so an unknown login takes
   * the same statements.
   */
  async signedInBefore(presented: string, userId: string | null): Promise<string | null> {
    const em = this.dataSource.manager;
    const token = await this.refreshTokens.findByHash(em, hashRefreshToken(presented));
    if (!token || token.usedAt || !userId) {
      return null;
    }
    const now = new Date();
    const [active] = await this.sessions.findActive(
      em,
      [token.sessionId],
      now,
      this.maxAgeCutoff(now),
    );
    return active?.userId === userId ? active.id : null;
  }

  /** Whether a principal's session is still in force; principals without one pass. */
  isActive(principal: AuthPrincipal): Promise<boolean> {
    if (principal.kind !== 'user') {
      return Promise.resolve(true);
    }
    // The token verifier refuses user tokens without a session first; this fails closed too.
    if (!principal.sessionId || !principal.userId) {
      return Promise.resolve(false);
    }
    return this.activeCheck({ sessionId: principal.sessionId, userId: principal.userId });
  }

  // Runs on every request: the checks of requests that arrive together share one statement.
  private readonly activeCheck = perTurnBatch<{ sessionId: string; userId: string }, boolean>(
    async (calls) => {
      const ids = [...new Set(calls.map((c) => c.sessionId))];
      const now = new Date();
      const rows = await this.sessions.findActive(
        this.dataSource.manager,
        ids,
        now,
        this.maxAgeCutoff(now),
      );
      const owners = new Map(rows.map((row) => [row.id, row.userId]));
      return calls.map((c) => owners.get(c.sessionId) === c.userId);
    },
  );

  /** Ends the caller's own session (`logout`). */
  async endCurrent(principal: AuthPrincipal): Promise<void> {
    if (principal.sessionId) {
      await this.sessions.revoke(
        this.dataSource.manager,
        principal.sessionId,
        SessionEndReason.Logout,
        new Date(),
      );
      await this.announceEnded(principal.subject);
    }
  }

  /** The account's sessions in force, the caller's marked `current`. */
  async list(userId: string, currentSessionId: string | null): Promise<Session[]> {
    const now = new Date();
    const rows = await this.sessions.findActiveByUser(
      this.dataSource.manager,
      userId,
      now,
      this.maxAgeCutoff(now),
    );
    return rows.map((row) =>
      Object.assign(new Session(), {
        id: row.id,
        createdAt: row.createdAt,
        lastUsedAt: row.lastUsedAt,
        userAgent: row.userAgent,
        ip: row.ip,
        current: row.id === currentSessionId,
      }),
    );
  }

  /** Ends one of the account's sessions; NOT_FOUND for any other account's id. */
  async revoke(userId: string, sessionId: string): Promise<void> {
    const em = this.dataSource.manager;
    const session = await this.sessions.findById(em, sessionId);
    if (!session || session.userId !== userId) {
      throw new AuthException(AuthErrorCode.SESSION_NOT_FOUND, 'Сеанс не найден');
    }
    await this.sessions.revoke(em, sessionId, SessionEndReason.Revoked, new Date());
    await this.announceEnded(userId);
  }

  /**
   * Tells every API node that sessions of the account ended, so its live sockets re-check theirs
   * and close. Call after the transaction that ended them committed.
   */
  announceEnded(userId: string): Promise<void> {
    return this.liveAccess.sessionsEnded(userId);
  }

  /**
   * Ends every session of the account (but one, when given), inside the caller's transaction;
   * the caller calls {@link announceEnded} after it commits.
   */
  endAll(
    em: EntityManager,
    userId: string,
    reason: SessionEndReason,
    exceptSessionId?: string,
  ): Promise<void> {
    return this.sessions.revokeAllForUser(em, userId, reason, new Date(), exceptSessionId);
  }

  private async issueRefreshToken(em: EntityManager, sessionId: string, now: Date) {
    const { token, hash } = newRefreshToken();
    await this.refreshTokens.insert(em, {
      id: randomUUID(),
      sessionId,
      tokenHash: hash,
      createdAt: now,
      usedAt: null,
    });
    return token;
  }

  private ttlMs(): number {
    return this.config.refreshTokenTtlDays * DAY_MS;
  }

  // Idle expiry (REFRESH_TOKEN_TTL_DAYS from the last use), never past the absolute lifetime
  // (SESSION_MAX_DAYS from sign-in).
  private refreshExpiry(createdAt: Date, now: Date): Date {
    return new Date(Math.min(now.getTime() + this.ttlMs(), createdAt.getTime() + this.maxAgeMs()));
  }

  private maxAgeMs(): number {
    return this.config.sessionMaxDays * DAY_MS;
  }

  /** Sessions opened at or before this instant have outlived SESSION_MAX_DAYS. */
  private maxAgeCutoff(now: Date): Date {
    return new Date(now.getTime() - this.maxAgeMs());
  }
}
