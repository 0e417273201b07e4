import 'reflect-metadata'; // @peculiar/x509 uses tsyringe, which needs the Reflect polyfill loaded first
import { webcrypto } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { CRLDistributionPointsExtension, X509Crl, type X509Certificate } from '@peculiar/x509';
import { authConfig } from '../../../config/configuration';

/** What the issuer's CRL says about a certificate. */
export type RevocationStatus = 'GOOD' | 'REVOKED' | 'UNAVAILABLE';

// Distribution points tried per certificate, CRLs kept in memory, files read from the directory.
const MAX_DISTRIBUTION_POINTS = 4;
const MAX_CACHED_CRLS = 64;
const MAX_CRL_FILES = 1000;

/**
 * Checks a certificate against its issuer's CRL (RFC 5280 §6.3, complete CRLs only). The CRL
 * comes from the certificate's HTTP distribution points, or, when TRUSTED_CRL_DIR is set (closed
 * networks), only from the files of that directory. A CRL counts only when it names the issuer,
 * its signature verifies with the issuer's key and it is fresh (thisUpdate ≤ now < nextUpdate);
 * fetched ones are kept until their nextUpdate. No usable CRL means UNAVAILABLE: the caller
 * refuses (fail closed).
 */
@Injectable()
export class CertificateRevocationChecker {
  private readonly logger = new Logger(CertificateRevocationChecker.name);
  private readonly cache = new Map<string, X509Crl>();

  constructor(
    @Inject(authConfig.KEY)
    private readonly config: Pick<
      ConfigType<typeof authConfig>,
      'trustedCrlDir' | 'crlMaxBytes' | 'crlFetchTimeoutMs'
    >,
  ) {}

  async check(
    certificate: X509Certificate,
    issuer: X509Certificate,
    now: Date,
  ): Promise<RevocationStatus> {
    const crl = this.config.trustedCrlDir
      ? await this.fromDirectory(this.config.trustedCrlDir, issuer, now)
      : await this.fromDistributionPoints(certificate, issuer, now);
    if (!crl) {
      return 'UNAVAILABLE';
    }
    return crl.findRevoked(certificate) ? 'REVOKED' : 'GOOD';
  }

  private async fromDistributionPoints(
    certificate: X509Certificate,
    issuer: X509Certificate,
    now: Date,
  ): Promise<X509Crl | null> {
    for (const url of distributionPointUrls(certificate).slice(0, MAX_DISTRIBUTION_POINTS)) {
      const cached = this.cache.get(url);
      if (cached && (await usable(cached, issuer, now))) {
        return cached;
      }
      this.cache.delete(url);
      const crl = await this.download(url);
      if (crl && (await usable(crl, issuer, now))) {
        if (this.cache.size >= MAX_CACHED_CRLS) {
          this.cache.delete(this.cache.keys().next().value as string);
        }
        this.cache.set(url, crl);
        return crl;
      }
      if (crl) {
        this.logger.warn(`CRL from ${url} is stale or not signed by the issuer`);
      }
    }
    return null;
  }

  // Size and time limits hold while streaming: a larger or slower answer is dropped unread.
  private async download(url: string): Promise<X509Crl | null> {
    const max = this.config.crlMaxBytes;
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(this.config.crlFetchTimeoutMs),
        redirect: 'error',
      });
      if (!response.ok || !response.body) {
        this.logger.warn(`CRL download from ${url} answered ${response.status}`);
        return null;
      }
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > max) {
        await response.body.cancel();
        this.logger.warn(`CRL at ${url} is larger than CRL_MAX_BYTES`);
        return null;
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
        if (done || !value) {
          break;
        }
        size += value.byteLength;
        if (size > max) {
          await reader.cancel();
          this.logger.warn(`CRL at ${url} is larger than CRL_MAX_BYTES`);
          return null;
        }
        chunks.push(value);
      }
      return parseCrl(Buffer.concat(chunks));
    } catch (error) {
      this.logger.warn(
        `CRL download from ${url} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    }
  }

  // Every CRL file of the directory naming the issuer; the freshest usable one decides.
  private async fromDirectory(
    dir: string,
    issuer: X509Certificate,
    now: Date,
  ): Promise<X509Crl | null> {
    let best: X509Crl | null = null;
    const names = (await readdir(dir)).sort().slice(0, MAX_CRL_FILES);
    for (const name of names) {
      const path = join(dir, name);
      const info = await stat(path);
      if (!info.isFile() || info.size > this.config.crlMaxBytes) {
        continue;
      }
      const crl = parseCrl(await readFile(path));
      if (crl && (await usable(crl, issuer, now)) && (!best || crl.thisUpdate > best.thisUpdate)) {
        best = crl;
      }
    }
    return best;
  }
}

/** The http(s) URIs of the certificate's CRL distribution points, in order. */
export function distributionPointUrls(certificate: X509Certificate): string[] {
  const extension = certificate.getExtension(CRLDistributionPointsExtension);
  const urls: string[] = [];
  for (const point of extension?.distributionPoints ?? []) {
    for (const name of point.distributionPoint?.fullName ?? []) {
      const uri = name.uniformResourceIdentifier;
      if (uri && /^https?:\/\//i.test(uri)) {
        urls.push(uri);
      }
    }
  }
  return urls;
}

function parseCrl(bytes: Buffer): X509Crl | null {
  try {
    const text = bytes.subarray(0, 64).toString('latin1');
    return text.includes('-----BEGIN') ? new X509Crl(bytes.toString('latin1')) : new X509Crl(bytes);
  } catch {
    return null;
  }
}

async function usable(crl: X509Crl, issuer: X509Certificate, now: Date): Promise<boolean> {
  if (crl.issuer !== issuer.subject || crl.thisUpdate > now) {
    return false;
  }
  // A CRL without nextUpdate gives no freshness bound: not accepted.
  if (!crl.nextUpdate || crl.nextUpdate <= now) {
    return false;
  }
  try {
    return await crl.verify({ publicKey: issuer.publicKey }, webcrypto);
  } catch {
    return false;
  }
}
