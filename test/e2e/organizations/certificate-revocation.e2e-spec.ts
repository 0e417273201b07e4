import 'reflect-metadata'; // before @peculiar/x509 (tsyringe needs the Reflect polyfill)
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CRLDistributionPointsExtension } from '@peculiar/x509';
import { issueTestCrl } from '../../support/pki/test-pki';
import { errorOf } from '../auth/auth-e2e.helpers';
import {
  legalEntityCertificate,
  organizationFootprint,
  OrganizationsHarness,
  personWithVerifiedSnils,
  randomLegalEntity,
  signInWithCertificate,
  startOrganizationsApp,
  type VerifiedPerson,
  type LegalEntity,
} from './organizations-e2e.helpers';

const CRL_MAX_BYTES = 4096;

/** Serves CRLs by path, as a CA's distribution point does; counts the downloads. */
class CrlServer {
  readonly files = new Map<string, Buffer>();
  readonly hits = new Map<string, number>();
  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(files: Map<string, Buffer>): Promise<CrlServer> {
    let self: CrlServer | null = null;
    const server = createServer((req, res) => {
      const body = self?.files.get(req.url ?? '');
      self?.hits.set(req.url ?? '', (self.hits.get(req.url ?? '') ?? 0) + 1);
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self = new CrlServer(server, `http://127.0.0.1:${port}`);
    for (const [path, body] of files) {
      self.files.set(path, body);
    }
    return self;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('organizations: qualified certificates are checked for revocation (CRL over HTTP)', () => {
  let h: OrganizationsHarness;
  let crls: CrlServer;
  let person: VerifiedPerson;
  let entity: LegalEntity;

  beforeAll(async () => {
    // No TRUSTED_CRL_DIR: CRLs come from the certificates' distribution points.
    h = await startOrganizationsApp({
      TRUSTED_CRL_DIR: '',
      CRL_MAX_BYTES: String(CRL_MAX_BYTES),
      CRL_FETCH_TIMEOUT_MS: '2000',
    });
    crls = await CrlServer.start(new Map());
    person = await personWithVerifiedSnils(h);
    entity = randomLegalEntity();
  });

  afterAll(async () => {
    await crls?.close();
    await h?.close();
  });

  /** A certificate of the person whose distribution point is `url`. */
  function certificateAt(url: string) {
    return legalEntityCertificate(h.ca, person, entity, {
      extensions: [new CRLDistributionPointsExtension([url])],
    });
  }

  async function expectRefused(url: string, subCode: string) {
    const before = await organizationFootprint(h, person.userId);
    const res = await signInWithCertificate(h, await certificateAt(url));
    expect(errorOf(res)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode,
      reason: subCode,
      message: expect.stringMatching(/[а-я]/i),
    });
    // Nothing is written on a refusal.
    expect(await organizationFootprint(h, person.userId)).toEqual(before);
  }

  it('should refuse a certificate the issuer has revoked with CERTIFICATE_REVOKED', async () => {
    const certificate = await certificateAt(`${crls.origin}/revoked.crl`);
    const crl = await issueTestCrl(h.ca, {
      revoked: ['0badc0de', certificate.certificate.serialNumber],
    });
    crls.files.set('/revoked.crl', Buffer.from(crl.rawData));
    const before = await organizationFootprint(h, person.userId);

    const res = await signInWithCertificate(h, certificate);

    expect(errorOf(res)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'CERTIFICATE_REVOKED',
      reason: 'CERTIFICATE_REVOKED',
    });
    expect(await organizationFootprint(h, person.userId)).toEqual(before);
  });

  it('should refuse with CRL_UNAVAILABLE when the CRL is past its nextUpdate', async () => {
    const hour = 3600_000;
    const crl = await issueTestCrl(h.ca, {
      thisUpdate: new Date(Date.now() - 48 * hour),
      nextUpdate: new Date(Date.now() - hour),
    });
    crls.files.set('/stale.crl', Buffer.from(crl.rawData));
    await expectRefused(`${crls.origin}/stale.crl`, 'CRL_UNAVAILABLE');
  });

  it('should refuse with CRL_UNAVAILABLE when the distribution point cannot be reached', async () => {
    await expectRefused(`http://127.0.0.1:${await closedPort()}/ca.crl`, 'CRL_UNAVAILABLE');
    await expectRefused(`${crls.origin}/missing.crl`, 'CRL_UNAVAILABLE');
  });

  it('should refuse with CRL_UNAVAILABLE when the CRL is larger than CRL_MAX_BYTES', async () => {
    const serials = Array.from({ length: 200 }, (_, i) => (0x10000 + i).toString(16));
    const crl = await issueTestCrl(h.ca, { revoked: serials });
    expect(crl.rawData.byteLength).toBeGreaterThan(CRL_MAX_BYTES);
    crls.files.set('/big.crl', Buffer.from(crl.rawData));
    await expectRefused(`${crls.origin}/big.crl`, 'CRL_UNAVAILABLE');
  });

  it('should refuse with CRL_UNAVAILABLE when the CRL is not signed by the issuer', async () => {
    // The issuer's name, another key: a forged "nothing is revoked".
    const crl = await issueTestCrl(h.ca, { signingKey: h.untrustedCa.keys.privateKey });
    crls.files.set('/forged.crl', Buffer.from(crl.rawData));
    await expectRefused(`${crls.origin}/forged.crl`, 'CRL_UNAVAILABLE');
  });

  it('should sign in with a certificate not on a fresh CRL, downloading the CRL once until nextUpdate', async () => {
    const crl = await issueTestCrl(h.ca, { revoked: ['0badc0de'] });
    crls.files.set('/good.crl', Buffer.from(crl.toString('pem')));
    const certificate = await certificateAt(`${crls.origin}/good.crl`);

    const first = await signInWithCertificate(h, certificate);
    expect(first.errors).toBeUndefined();
    expect(first.data!.loginWithSignature.organization).toMatchObject({ inn: entity.inn });
    const second = await signInWithCertificate(h, certificate);
    expect(second.errors).toBeUndefined();
    expect(crls.hits.get('/good.crl')).toBe(1);
  });
});
