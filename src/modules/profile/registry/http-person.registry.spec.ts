import { HttpPersonRegistry, verdictOf } from './http-person.registry';
import { RegistryUnavailableError } from './person-registry.port';

describe(HttpPersonRegistry.name, () => {
  const person = {
    lastName: 'Иванов',
    firstName: 'Иван',
    middleName: null,
    birthDate: '1980-01-01',
  };

  afterEach(() => jest.restoreAllMocks());

  it('should map each registry result to its verdict', () => {
    expect(verdictOf(200, { result: 'MATCH' })).toBe('MATCH');
    expect(verdictOf(200, { result: 'MISMATCH' })).toBe('MISMATCH');
    expect(verdictOf(200, { result: 'NOT_FOUND' })).toBe('NOT_FOUND');
  });

  it('should throw, not reject, on 5xx and unreadable answers', () => {
    expect(() => verdictOf(503, null)).toThrow(RegistryUnavailableError);
    expect(() => verdictOf(200, { result: 'MAYBE' })).toThrow(RegistryUnavailableError);
    expect(() => verdictOf(200, null)).toThrow(RegistryUnavailableError);
  });

  it('should POST the SNILS request of API.md', async () => {
    const fetchMock = jest
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response(JSON.stringify({ result: 'MATCH' }), { status: 200 }));
    const registry = new HttpPersonRegistry('http://registry.test/');
    await expect(registry.checkSnils({ ...person, snils: '112-233-445 95' })).resolves.toBe(
      'MATCH',
    );
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://registry.test/snils');
    expect(JSON.parse(init!.body as string)).toEqual({ snils: '112-233-445 95', ...person });
  });

  it('should throw RegistryUnavailableError when the registry is unreachable or slow', async () => {
    jest.spyOn(globalThis, 'fetch').mockRejectedValue(new DOMException('timeout', 'TimeoutError'));
    const registry = new HttpPersonRegistry('http://registry.test');
    await expect(
      registry.checkPassport({
        ...person,
        series: '4510',
        number: '123456',
        issuedAt: '2010-01-01',
      }),
    ).rejects.toThrow(RegistryUnavailableError);
  });
});
