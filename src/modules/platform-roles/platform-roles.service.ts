import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlatformRoleAssignmentEntity } from './entities/platform-role-assignment.entity';
import { PlatformRole } from './platform-role.enum';

/** Who holds which platform role. */
@Injectable()
export class PlatformRolesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async hasRole(userId: string, role: PlatformRole): Promise<boolean> {
    return this.dataSource
      .getRepository(PlatformRoleAssignmentEntity)
      .exists({ where: { userId, role } });
  }

  async rolesOf(userId: string): Promise<PlatformRole[]> {
    const rows = await this.dataSource
      .getRepository(PlatformRoleAssignmentEntity)
      .find({ where: { userId } });
    return rows.map((r) => r.role);
  }

  /** Gives a role (idempotent); answers whether it was new. */
  async grant(userId: string, role: PlatformRole): Promise<boolean> {
    const repository = this.dataSource.getRepository(PlatformRoleAssignmentEntity);
    if (await repository.exists({ where: { userId, role } })) {
      return false;
    }
    // The unique key settles a race between two grants of the same role.
    await repository
      .createQueryBuilder()
      .insert()
      .values({ id: randomUUID(), userId, role })
      .orIgnore()
      .execute();
    return true;
  }

  /**
   * Takes a role away; answers whether the account had it. Effective at once: every check reads
   * the assignments per request ({@link hasRole}), no token carries a role.
   */
  async revoke(userId: string, role: PlatformRole): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(PlatformRoleAssignmentEntity)
      .delete({ userId, role });
    return (result.affected ?? 0) > 0;
  }

  async revokeAll(userId: string): Promise<void> {
    await this.dataSource.getRepository(PlatformRoleAssignmentEntity).delete({ userId });
  }
}
