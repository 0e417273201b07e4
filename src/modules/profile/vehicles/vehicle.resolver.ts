import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { CurrentClient } from '../../auth';
import type { ClientInfo } from '../../auth';
import { Vehicle } from '../graphql/vehicle.type';
import { VehicleInput } from '../graphql/vehicle.input';
import { VehicleService } from './vehicle.service';

@Resolver(() => Vehicle)
export class VehicleResolver {
  constructor(private readonly vehicles: VehicleService) {}

  @Mutation(() => Vehicle, { description: 'Adds a vehicle (plate checked and normalised).' })
  addVehicle(
    @Args('input') input: VehicleInput,
    @CurrentUser() principal: AuthPrincipal,
    @CurrentClient() client: ClientInfo,
  ): Promise<Vehicle> {
    return this.vehicles.add(principal, input, client.ip ?? undefined);
  }

  @Mutation(() => Boolean, { description: 'Removes one of my vehicles.' })
  removeVehicle(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() principal: AuthPrincipal,
    @CurrentClient() client: ClientInfo,
  ): Promise<boolean> {
    return this.vehicles.remove(principal, id, client.ip ?? undefined);
  }
}
