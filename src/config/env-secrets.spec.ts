import { validateEnv } from './env.schema';

const SECRET = 'j'.repeat(40);
const MASTER = 'm'.repeat(40);

describe('secrets in the environment', () => {
  it.each(['development', 'test'])('should allow development defaults when NODE_ENV=%s', (env) => {
    expect(validateEnv({ NODE_ENV: env }).JWT_SECRET).toBeUndefined();
  });

  it.each([{}, { NODE_ENV: 'production' }])(
    'should require JWT_SECRET and SECRETS_MASTER_KEY otherwise (%o)',
    (raw) => {
      expect(() => validateEnv(raw)).toThrow(
        /JWT_SECRET \(required unless NODE_ENV is development or test\), SECRETS_MASTER_KEY \(required/,
      );
    },
  );

  it('should refuse the JWT secret as the master key', () => {
    expect(() =>
      validateEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET, SECRETS_MASTER_KEY: SECRET }),
    ).toThrow(/SECRETS_MASTER_KEY \(must differ from JWT_SECRET\)/);
  });

  it('should accept both in production', () => {
    const env = validateEnv({
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      SECRETS_MASTER_KEY: MASTER,
    });
    expect(env.SECRETS_MASTER_KEY).toBe(MASTER);
  });
});
