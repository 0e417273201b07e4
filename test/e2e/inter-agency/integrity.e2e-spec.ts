// Issue: the catalogue and the message monitor must not be misled by another organization
// (squatted mnemonics and namespaces, self-approval, leaks through the catalogue).
import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  ADD_QUEUE,
  addMember,
  DECIDE_SYSTEM,
  insertOrganization,
  member,
  Member,
  mnemonic,
  operatorToken,
  REGISTER_KIND,
  REGISTER_SYSTEM,
} from './inter-agency-e2e.helpers';
import { insertUser } from '../../support/db-fixtures';
import { signTestToken } from '../../support/tokens';
import { PlatformRole, PlatformRolesService } from '../../../src/modules/platform-roles';

const KIND_QUEUES = `query($search: String) {
  dataKinds(search: $search) { edges { node { id ownerSystem { id specialQueues { name } } } } }
}`;

describe('inter-agency: integrity of the catalogue and the monitor', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let headA: Member;
  let headB: Member;
  let operator: string;

  beforeAll(async () => {
    t = await createTestApp();
    orgA = await insertOrganization(t.dataSource, 'Владелец');
    orgB = await insertOrganization(t.dataSource, 'Посторонний');
    headA = await member(t, orgA, 'HEAD', { email: true });
    headB = await member(t, orgB, 'HEAD', { email: true });
    operator = await operatorToken(t);
  });

  afterAll(async () => {
    await t.close();
  });

  async function prodSystem(
    token: string,
    prefix: string,
  ): Promise<{ id: string; mnemonic: string }> {
    const { registerInformationSystem } = await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: mnemonic(prefix), name: prefix, environment: 'PROD' } },
      { token },
    );
    await t.gql.ok(
      DECIDE_SYSTEM,
      { id: registerInformationSystem.id, approve: true },
      { token: operator },
    );
    return registerInformationSystem as { id: string; mnemonic: string };
  }

  it('should never let an operator decide their own organization’s registration', async () => {
    const { id: userId } = await insertUser(t.dataSource);
    await t.app.get(PlatformRolesService).grant(userId, PlatformRole.INTER_AGENCY_OPERATOR);
    await addMember(t.dataSource, orgA, userId, 'EMPLOYEE');
    const insider = signTestToken(t.app, { sub: userId });
    const { registerInformationSystem: system } = await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: mnemonic('OWN'), name: 'Своя', environment: 'PROD' } },
      { token: headA.token },
    );
    for (const approve of [true, false]) {
      const refused = await t.gql.request(
        DECIDE_SYSTEM,
        { id: system.id, approve, reason: approve ? null : 'нет' },
        { token: insider },
      );
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        subCode: 'OWN_ORGANIZATION_DECISION',
      });
      expect(refused.errors?.[0].message).toContain('своей организации');
    }
    const [row] = await t.dataSource.query<{ status: string; decided_by_user_id: string | null }[]>(
      'SELECT status, decided_by_user_id FROM information_systems WHERE id = ?',
      [system.id],
    );
    expect(row).toEqual({ status: 'PENDING', decided_by_user_id: null });
    const [{ n }] = await t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM inter_agency_audit_log WHERE target_id = ? AND actor_user_id = ?',
      [system.id, userId],
    );
    expect(Number(n)).toBe(0);
    // An operator from outside decides it.
    const decided = await t.gql.ok(
      DECIDE_SYSTEM,
      { id: system.id, approve: true },
      { token: operator },
    );
    expect(decided.decideInformationSystem.status).toBe('ACTIVE');
  });

  it('should show a system’s special queues to its own organization only', async () => {
    const system = await prodSystem(headA.token, 'QUEUES');
    await t.gql.ok(
      ADD_QUEUE,
      { systemId: system.id, name: 'SECRET_QUEUE' },
      { token: headA.token },
    );
    const namespaceUri = `urn://queues/${randomUUID()}`;
    await t.gql.ok(
      REGISTER_KIND,
      {
        input: {
          ownerSystemId: system.id,
          name: 'Вид с очередями',
          namespaceUri,
          version: '1',
          rootElement: 'Request',
        },
      },
      { token: headA.token },
    );
    const queuesSeenBy = async (token: string) => {
      const { dataKinds } = await t.gql.ok(KIND_QUEUES, { search: namespaceUri }, { token });
      expect(dataKinds.edges).toHaveLength(1);
      const queues = dataKinds.edges[0].node.ownerSystem.specialQueues as { name: string }[];
      return queues.map((q) => q.name);
    };
    expect(await queuesSeenBy(headA.token)).toEqual(['SECRET_QUEUE']);
    expect(await queuesSeenBy(headB.token)).toEqual([]);
  });
});
