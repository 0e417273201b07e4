import { ValidateBy, ValidationOptions } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * What is wrong with a new password, in Russian, or null when it is acceptable: 8 to 128
 * characters (counted as the user sees them) and not digits only.
 */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `Пароль должен содержать не менее ${PASSWORD_MIN_LENGTH} символов`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `Пароль должен содержать не более ${PASSWORD_MAX_LENGTH} символов`;
  }
  if (/^\d+$/.test(password)) {
    return 'Пароль не может состоять только из цифр';
  }
  if (password.trim() === '') {
    return 'Пароль не может состоять только из пробелов';
  }
  return null;
}

/** class-validator: the value is a string {@link passwordProblem} accepts. */
export function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAcceptablePassword',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && passwordProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? (passwordProblem(args.value) ?? '')
            : 'Пароль должен быть строкой',
      },
    },
    options,
  );
}
