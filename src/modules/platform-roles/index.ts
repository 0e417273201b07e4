export { PlatformRoleAssignmentEntity } from './entities/platform-role-assignment.entity';
export { PlatformRole } from './platform-role.enum';
export { PlatformRolesModule } from './platform-roles.module';
export { PlatformRolesService } from './platform-roles.service';
