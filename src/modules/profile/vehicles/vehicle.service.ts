import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../shared/database/transaction-runner';
import { checkVehiclePlate, cleanText } from '../../../shared/identifiers';
import { DataAccessAction, DataAccessLogService } from '../../audit';
import { accountOwnerId } from '../../identity';
import { VehicleEntity } from '../entities/vehicle.entity';
import { Vehicle } from '../graphql/vehicle.type';
import { VehicleInput } from '../graphql/vehicle.input';
import { ProfileErrorCode, ProfileException } from '../profile.exception';
import { VehicleRepository } from '../repositories/vehicle.repository';

export function toVehicle(entity: VehicleEntity): Vehicle {
  return Object.assign(new Vehicle(), {
    id: entity.id,
    plate: entity.plate,
    registrationCertificate: entity.registrationCertificate,
  });
}

/** `addVehicle` / `removeVehicle`. */
@Injectable()
export class VehicleService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly vehicles: VehicleRepository,
    private readonly audit: DataAccessLogService,
  ) {}

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
    const vehicle = Object.assign(new VehicleEntity(), {
      id: randomUUID(),
      userId,
      plate: plate.normalized,
      registrationCertificate: input.registrationCertificate
        ? cleanText(input.registrationCertificate).replace(/\s/g, '').toUpperCase()
        : null,
      createdAt: new Date(),
    });
    await this.tx.run(async (em) => {
      if (await this.vehicles.findByUserAndPlate(em, userId, vehicle.plate)) {
        throw new ProfileException(
          ProfileErrorCode.VEHICLE_EXISTS,
          'Этот автомобиль уже есть в профиле',
        );
      }
      await this.vehicles.insert(em, vehicle);
      await this.audit.record(
        em,
        DataAccessLogService.self(principal, userId, DataAccessAction.UPDATE, ['vehicles'], ip),
      );
    });
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
