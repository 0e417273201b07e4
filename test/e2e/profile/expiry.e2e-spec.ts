import { PeriodicTaskRunner } from '../../../src/queues/periodic/periodic-task.runner';
import { errorOf } from '../auth/auth-e2e.helpers';
import {
  APPLICATIONS,
  DOCUMENT_STATUS,
  personWithBirthDate,
  PROFILE_ME,
  ProfileHarness,
  randomSnils,
  startProfileApp,
  SUBMIT_SNILS,
} from './profile-e2e.helpers';

type StatusEvent = { documentStatusChanged: { snils: { status: string } | null } };

// DOCUMENT_CHECK_EXPIRY_HOURS=0.0003 is about 1.1 s: a check the registry never answers expires.
describe('profile document check expiry', () => {
  let h: ProfileHarness;

  beforeAll(async () => {
    h = await startProfileApp({ driver: 'http', env: { DOCUMENT_CHECK_EXPIRY_HOURS: '0.0003' } });
    // The sweeper that expires checks is a periodic task, unscheduled under NODE_ENV=test.
    await h.t.app.get(PeriodicTaskRunner).schedule();
  });

  afterAll(async () => {
    await h.t.app.get(PeriodicTaskRunner).unschedule();
    await h.close();
  });

  it('should expire a check the registry never answers, then accept it again', async () => {
    const a = await personWithBirthDate(h);
    const snils = randomSnils();
    h.registry!.script(snils, { hang: true });
    const ws = h.gql.ws(a.accessToken);
    await ws.connected;
    const sub = ws.subscribe<StatusEvent>(DOCUMENT_STATUS);
    await new Promise((r) => setTimeout(r, 300));

    const submitted = await h.gql.ok(SUBMIT_SNILS, { n: snils }, { token: a.accessToken });
    expect(submitted.submitSnils.status).toBe('PENDING');
    const statuses: string[] = [];
    while (statuses.at(-1) !== 'EXPIRED') {
      const event = await sub.next(15_000);
      statuses.push(event.data!.documentStatusChanged.snils!.status);
    }
    expect(statuses).toEqual(['PENDING', 'EXPIRED']);
    const me = await h.gql.ok(PROFILE_ME, {}, { token: a.accessToken });
    expect(me.me).toMatchObject({
      accessLevel: 'BASIC',
      snils: { number: snils, status: 'EXPIRED' },
    });
    const apps = await h.gql.ok(APPLICATIONS, {}, { token: a.accessToken });
    expect(apps.applications.edges[0].node.status).toBe('EXPIRED');

    // Submitted again, this time answered.
    const again = await h.gql.ok(SUBMIT_SNILS, { n: snils }, { token: a.accessToken });
    expect(again.submitSnils.status).toBe('PENDING');
    let status = 'PENDING';
    while (status === 'PENDING') {
      status = (await sub.next(15_000)).data!.documentStatusChanged.snils!.status;
    }
    expect(status).toBe('VERIFIED');
    await ws.close();
  });

  it('should refuse a second SNILS while one is being checked', async () => {
    const a = await personWithBirthDate(h);
    const first = randomSnils();
    h.registry!.script(first, { hang: true });
    await h.gql.ok(SUBMIT_SNILS, { n: first }, { token: a.accessToken });
    const second = await h.gql.request(
      SUBMIT_SNILS,
      { n: randomSnils() },
      { token: a.accessToken },
    );
    expect(errorOf(second)).toMatchObject({ code: 'CONFLICT', subCode: 'DOCUMENT_CHECK_PENDING' });
  });
});
