import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { IdentifierCheckResult } from './identifier-check.result';
import { checkInn } from './inn.check';
import { checkMobilePhone } from './phone.check';
import { checkSnils } from './snils.check';
import { checkVehiclePlate } from './vehicle-plate.check';

/** The value is a SNILS with a valid checksum (separators optional). */
export function IsSnils(options?: ValidationOptions): PropertyDecorator {
  return identifierDecorator('isSnils', checkSnils, options);
}

/** The value is an INN (10 or 12 digits) with valid check digits. */
export function IsInn(options?: ValidationOptions): PropertyDecorator {
  return identifierDecorator('isInn', checkInn, options);
}

/** The value is a Russian mobile number in any usual spelling. */
export function IsRuMobilePhone(options?: ValidationOptions): PropertyDecorator {
  return identifierDecorator('isRuMobilePhone', checkMobilePhone, options);
}

/** The value is a Russian vehicle registration plate (Latin look-alike letters accepted). */
export function IsVehiclePlate(options?: ValidationOptions): PropertyDecorator {
  return identifierDecorator('isVehiclePlate', checkVehiclePlate, options);
}

function identifierDecorator(
  name: string,
  check: (value: string) => IdentifierCheckResult,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown): boolean => typeof value === 'string' && check(value).valid,
        defaultMessage: (args?: ValidationArguments): string => {
          const value: unknown = args?.value;
          if (typeof value !== 'string') {
            return `${args?.property ?? 'Значение'}: ожидается строка`;
          }
          const result = check(value);
          return result.valid ? '' : result.message;
        },
      },
    },
    options,
  );
}
