import { parseSentinels, redisOptions } from './redis-connection';

describe('Redis connection', () => {
  it('reads a single Redis from its URL, password and database included', () => {
    expect(
      redisOptions({ url: 'redis://:s%40cret@cache:6380/2', sentinels: [], sentinelName: 'x' }),
    ).toEqual({ host: 'cache', port: 6380, password: 's@cret', db: 2 });
  });

  it('asks the Sentinels for the primary and keeps the URL password for the data nodes', () => {
    const options = redisOptions(
      {
        url: 'redis://:pw@ignored:1/0',
        sentinels: parseSentinels('10.0.0.1:26379, 10.0.0.2:26379'),
        sentinelName: 'kabinet',
      },
      { maxRetriesPerRequest: null },
    );
    expect(options).toMatchObject({
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26379 },
      ],
      name: 'kabinet',
      role: 'master',
      password: 'pw',
      db: 0,
      maxRetriesPerRequest: null,
    });
    expect(options).not.toHaveProperty('host');
  });

  it('refuses a malformed Sentinel list', () => {
    expect(() => parseSentinels('10.0.0.1')).toThrow(/not host:port/);
    expect(() => parseSentinels('a:70000')).toThrow(/not host:port/);
    expect(parseSentinels(undefined)).toEqual([]);
    expect(parseSentinels('[::1]:26379')).toEqual([{ host: '::1', port: 26379 }]);
  });
});
