import { IdentifierCheckResult } from './identifier-check.result';
import { IdentifierKind } from './identifier-kind.enum';
import { checkInn } from './inn.check';
import { checkOgrn, checkOgrnip } from './ogrn.check';
import { checkMobilePhone } from './phone.check';
import { checkSnils } from './snils.check';
import { checkStrelka, checkTroika } from './transport-card.check';
import { checkVehiclePlate } from './vehicle-plate.check';

/**
 * Normalises and checks one identifier with the server's own rules. `PHONE` means a Russian
 * mobile number.
 */
export function checkIdentifier(kind: IdentifierKind, value: string): IdentifierCheckResult {
  switch (kind) {
    case IdentifierKind.SNILS:
      return checkSnils(value);
    case IdentifierKind.INN:
      return checkInn(value);
    case IdentifierKind.OGRN:
      return checkOgrn(value);
    case IdentifierKind.OGRNIP:
      return checkOgrnip(value);
    case IdentifierKind.PHONE:
      return checkMobilePhone(value);
    case IdentifierKind.VEHICLE_PLATE:
      return checkVehiclePlate(value);
    case IdentifierKind.TROIKA:
      return checkTroika(value);
    case IdentifierKind.STRELKA:
      return checkStrelka(value);
  }
}
