import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { profileLinksConfig } from '../../../config/configuration';
import { AttemptLimiter } from '../../../core/rate-limit/index';
import { ProfileErrorCode, ProfileException } from '../profile.exception';

/**
 * Per-account caps on vehicles and children, and a per-account rate on adding or changing
 * identifier links: trying plates or policies one after another to find whose data shows up is
 * slowed to PROFILE_LINK_RATE_MAX per window, and no account collects identifiers without end.
 */
@Injectable()
export class LinkLimits {
  constructor(
    private readonly limiter: AttemptLimiter,
    @Inject(profileLinksConfig.KEY)
    private readonly config: ConfigType<typeof profileLinksConfig>,
  ) {}

  /** Counts one link change of the account; RATE_LIMITED past the allowance. */
  consume(userId: string): Promise<void> {
    return this.limiter.consume(this.config.rate, userId);
  }

  /** Refuses a new vehicle when the account holds the cap already (call under the account lock). */
  assertVehicleRoom(count: number): void {
    if (count >= this.config.maxVehicles) {
      throw new ProfileException(
        ProfileErrorCode.VEHICLE_LIMIT_REACHED,
        `В профиле может быть не больше ${this.config.maxVehicles} автомобилей`,
        { limit: this.config.maxVehicles },
      );
    }
  }

  /** Refuses a new child when the account holds the cap already (call under the account lock). */
  assertChildRoom(count: number): void {
    if (count >= this.config.maxChildren) {
      throw new ProfileException(
        ProfileErrorCode.CHILD_LIMIT_REACHED,
        `В профиле может быть не больше ${this.config.maxChildren} детей`,
        { limit: this.config.maxChildren },
      );
    }
  }
}
