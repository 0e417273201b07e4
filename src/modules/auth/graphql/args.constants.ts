// Shared by the argument classes: flat arguments, as the contract names them, each class
// validated by the global pipe.

export const LOGIN_DESCRIPTION =
  'Phone (any usual Russian spelling), e-mail, or a verified SNILS; employees: `<organization INN>/<personnel number>`.';
export const CODE_PATTERN = /^\d{6}$/;
export const CODE_MESSAGE = 'Код состоит из 6 цифр';
/** Longer than any acceptable password, short enough to keep argon2 input bounded. */
export const PASSWORD_INPUT_MAX = 256;
export const SIGNED_IN_BEFORE_DESCRIPTION =
  'Optional: a refresh token this client holds for the same account (from an earlier sign-in). It proves the client signed in to the account before, so failures of others on this login cannot block it (its own failures are still limited).';
