import { Module } from '@nestjs/common';
import { PlatformRolesService } from './platform-roles.service';

/** Platform roles (INTER_AGENCY_OPERATOR, PLATFORM_ADMIN) given by `npm run cli -- grant-role`. */
@Module({ providers: [PlatformRolesService], exports: [PlatformRolesService] })
export class PlatformRolesModule {}
