import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { LoginIdentifier } from '../login-identifier';
import { UserEntity } from '../entities/user.entity';

/** The only ORM user of `users`. */

/** What a student session may see of itself: the child's own names and birth date. */
export interface ChildView {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
  createdAt: Date;
}

@Injectable()
export class UserRepository {
  findById(em: EntityManager, id: string): Promise<UserEntity | null> {
    return em.findOneBy(UserEntity, { id });
  }

  findByPhone(em: EntityManager, phone: string): Promise<UserEntity | null> {
    return em.findOneBy(UserEntity, { phone });
  }

  findByEmail(em: EntityManager, email: string): Promise<UserEntity | null> {
    return em.findOneBy(UserEntity, { email });
  }

  /** The account whose e-mail is this one and confirmed (a login and recovery channel). */
  async findByConfirmedEmail(em: EntityManager, email: string): Promise<UserEntity | null> {
    const user = await this.findByEmail(em, email);
    return user?.emailConfirmedAt ? user : null;
  }

  /** The account whose SNILS (as `123-456-789 64`) is verified and in force (profile's table). */
  findBySnilsVerified(em: EntityManager, snils: string): Promise<UserEntity | null> {
    return em
      .createQueryBuilder(UserEntity, 'u')
      .innerJoin(
        'identity_documents',
        'd',
        "d.user_id = u.id AND d.kind = 'SNILS' AND d.in_force = 1 AND d.number = :snils",
        { snils },
      )
      .getOne();
  }

  /** The child with this school login (profile's table) and its parent's account. */
  /** The child a student session acts for, as the account view its sign-in answer shows. */
  async findChildView(em: EntityManager, childId: string): Promise<ChildView | null> {
    const [row] = await em.query<
      {
        id: string;
        last_name: string;
        first_name: string;
        middle_name: string | null;
        birth_date: string | Date;
        created_at: Date;
      }[]
    >(
      'SELECT id, last_name, first_name, middle_name, birth_date, created_at FROM children WHERE id = ?',
      [childId],
    );
    if (!row) {
      return null;
    }
    const birthDate =
      row.birth_date instanceof Date
        ? row.birth_date.toISOString().slice(0, 10)
        : String(row.birth_date).slice(0, 10);
    return {
      id: row.id,
      lastName: row.last_name,
      firstName: row.first_name,
      middleName: row.middle_name,
      birthDate,
      createdAt: new Date(row.created_at),
    };
  }

  async findBySchoolLogin(
    em: EntityManager,
    schoolLogin: string,
  ): Promise<{ childId: string; parent: UserEntity } | null> {
    const [row] = await em.query<{ id: string; parent_user_id: string }[]>(
      'SELECT id, parent_user_id FROM children WHERE school_login = ?',
      [schoolLogin],
    );
    const parent = row ? await this.findById(em, row.parent_user_id) : null;
    return row && parent ? { childId: row.id, parent } : null;
  }

  /**
   * The account a login names. Employee logins (`<INN>/<personnel number>`) name a membership,
   * not an account: the login service resolves them through `EmployeeDirectory` instead.
   */
  findByLogin(em: EntityManager, login: LoginIdentifier): Promise<UserEntity | null> {
    switch (login.kind) {
      case 'phone':
        return this.findByPhone(em, login.phone);
      case 'email':
        // An unconfirmed address is not a login: anyone could have typed it in.
        return this.findByConfirmedEmail(em, login.email);
      case 'snils':
        return this.findBySnilsVerified(em, login.snils);
      case 'employee':
        return Promise.resolve(null);
      case 'school':
        return this.findBySchoolLogin(em, login.schoolLogin).then((found) => found?.parent ?? null);
    }
  }

  async insert(em: EntityManager, user: UserEntity): Promise<void> {
    await em.insert(UserEntity, user);
  }

  async updatePasswordHash(
    em: EntityManager,
    id: string,
    passwordHash: string,
    now: Date,
  ): Promise<void> {
    await em.update(UserEntity, { id }, { passwordHash, hasPassword: true, updatedAt: now });
  }

  /** Sets a proven address: the account's e-mail, confirmed now. */
  async updateConfirmedEmail(
    em: EntityManager,
    id: string,
    email: string,
    now: Date,
  ): Promise<void> {
    await em.update(UserEntity, { id }, { email, emailConfirmedAt: now, updatedAt: now });
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.delete(UserEntity, { id });
  }
}
