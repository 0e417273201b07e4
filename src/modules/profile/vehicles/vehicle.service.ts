import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { checkVehiclePlate, cleanText } from '../../../shared/identifiers';
import { DataAccessAction, DataAccessLogService } from '../../audit';
import { accountOwnerId, IdentityDirectory, LinkVerification } from '../../identity';
import { VehicleEntity } from '../entities/vehicle.entity';
import { Vehicle } from '../graphql/vehicle.type';
import { VehicleInput } from '../graphql/vehicle.input';
import { LinkCheckQueue } from '../links/link-check.queue';
import { LinkDeadlines } from '../links/link-deadlines';
import { waitingReason } from '../links/link-kinds';
import { LinkLimits } from '../links/link-limits';
import { LinkRequestBuilder } from '../links/link-request.builder';
import { ProfileErrorCode, ProfileException } from '../profile.exception';
import { VehicleRepository } from '../repositories/vehicle.repository';

export function toVehicle(entity: VehicleEntity): Vehicle {
  return Object.assign(new Vehicle(), {
    id: entity.id,
    plate: entity.plate,
    registrationCertificate: entity.registrationCertificate,
    verification: entity.verification,
    linkedAt: entity.linkedAt,
    verifiedAt: entity.verifiedAt,
    verificationNote: waitingReason('VEHICLE', entity.verification),
  });
}

/** `addVehicle` / `removeVehicle`. */
@Injectable()
export class VehicleService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly vehicles: VehicleRepository,
    private readonly audit: DataAccessLogService,
    private readonly identity: IdentityDirectory,
    private readonly limits: LinkLimits,
    private readonly requests: LinkRequestBuilder,
    private readonly checks: LinkCheckQueue,
    private readonly deadlines: LinkDeadlines,
  ) {}

  /**
   * Adds a vehicle, or gives a vehicle not yet proven a (new) СТС for another check. With a СТС
   * the traffic police check is queued (PENDING); without one it stays UNVERIFIED.
   */
  async add(principal: AuthPrincipal, input: VehicleInput, ip?: string): Promise<Vehicle> {
    const userId = accountOwnerId(principal);
    const plate = checkVehiclePlate(input.plate);
    if (!plate.valid) {
      throw ProfileException.invalidField(
        ProfileErrorCode.VEHICLE_PLATE_INVALID,
        'plate',
        plate.message,
      );
    }
    const certificate = input.registrationCertificate
      ? cleanText(input.registrationCertificate).replace(/\s/g, '').toUpperCase()
      : null;
    await this.limits.consume(userId);
    const now = new Date();
    const vehicle = await this.tx.run(async (em) => {
      await this.identity.lockAccount(em, userId);
      const existing = await this.vehicles.findByUserAndPlate(em, userId, plate.normalized);
      let row: VehicleEntity;
      if (existing) {
        // A proven plate stays as it is; an unproven one may be given its СТС (again).
        if (existing.verification === LinkVerification.VERIFIED || !certificate) {
          throw new ProfileException(
            ProfileErrorCode.VEHICLE_EXISTS,
            'Этот автомобиль уже есть в профиле',
          );
        }
        row = Object.assign(existing, {
          registrationCertificate: certificate,
          verification: LinkVerification.PENDING,
          linkedAt: now,
          verifiedAt: null,
        });
        await this.vehicles.update(em, row.id, {
          registrationCertificate: row.registrationCertificate,
          verification: row.verification,
          linkedAt: row.linkedAt,
          verifiedAt: null,
        });
      } else {
        this.limits.assertVehicleRoom(await this.vehicles.countByUserId(em, userId));
        row = Object.assign(new VehicleEntity(), {
          id: randomUUID(),
          userId,
          plate: plate.normalized,
          registrationCertificate: certificate,
          createdAt: now,
          linkedAt: now,
          verifiedAt: null,
          verification: LinkVerification.UNVERIFIED,
        });
        row.verification = this.requests.vehicle(row)
          ? LinkVerification.PENDING
          : LinkVerification.UNVERIFIED;
        await this.vehicles.insert(em, row);
      }
      if (row.verification === LinkVerification.PENDING) {
        await this.deadlines.start(em, userId, [{ kind: 'VEHICLE', id: row.id }], now);
      }
      await this.audit.record(
        em,
        DataAccessLogService.self(principal, userId, DataAccessAction.UPDATE, ['vehicles'], ip),
      );
      return row;
    });
    if (vehicle.verification === LinkVerification.PENDING) {
      await this.checks.queueAll([{ kind: 'VEHICLE', id: vehicle.id }]);
    }
    return toVehicle(vehicle);
  }

  /** NOT_FOUND for an unknown id and for another person's vehicle alike. */
  async remove(principal: AuthPrincipal, id: string, ip?: string): Promise<boolean> {
    const userId = accountOwnerId(principal);
    await this.tx.run(async (em) => {
      if (!(await this.vehicles.deleteOwned(em, userId, id))) {
        throw new ProfileException(ProfileErrorCode.VEHICLE_NOT_FOUND, 'Автомобиль не найден');
      }
      await this.audit.record(
        em,
        DataAccessLogService.self(principal, userId, DataAccessAction.UPDATE, ['vehicles'], ip),
      );
    });
    return true;
  }
}
