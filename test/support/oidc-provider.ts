import { ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

/** Claims of a test account at the provider (sub apart). */
export type OidcTestClaims = Record<string, string | boolean>;

interface ChildMessage {
  type: 'ready' | 'ack';
  issuer?: string;
  id?: string;
}

/**
 * The test OpenID Connect provider (`oidc-provider.mjs`, run as a child process) and a
 * browser-like walk through its login and consent pages.
 */
export class OidcTestProvider {
  private constructor(
    private readonly child: ChildProcess,
    readonly issuer: string,
    readonly clientId: string,
    readonly clientSecret: string,
  ) {}

  static async start(options: { redirectUris: string[] }): Promise<OidcTestProvider> {
    const clientId = `kabinet-${randomUUID().slice(0, 8)}`;
    const clientSecret = randomUUID() + randomUUID();
    const child = fork(join(__dirname, 'oidc-provider.mjs'), [], {
      execArgv: [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: {
        ...process.env,
        OIDC_TEST_OPTIONS: JSON.stringify({
          clientId,
          clientSecret,
          redirectUris: options.redirectUris,
        }),
      },
    });
    const issuer = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('test OIDC provider did not start')), 20_000);
      child.once('exit', (code) => reject(new Error(`test OIDC provider exited (${code})`)));
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'ready' && message.issuer) {
          clearTimeout(timer);
          resolve(message.issuer);
        }
      });
    });
    return new OidcTestProvider(child, issuer, clientId, clientSecret);
  }

  /** Creates or replaces the provider's account `sub`. */
  async setAccount(sub: string, claims: OidcTestClaims): Promise<void> {
    const id = randomUUID();
    await new Promise<void>((resolve) => {
      const onMessage = (message: ChildMessage) => {
        if (message.type === 'ack' && message.id === id) {
          this.child.off('message', onMessage);
          resolve();
        }
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'account', id, sub, claims });
    });
  }

  /**
   * Opens the authorization URL like a browser (cookies, redirects), signs in as `sub` on the
   * login page, accepts the consent page, and returns the URL the provider redirected to at
   * `redirectUri` (with `code`, `state` and `iss`).
   */
  async authorize(authorizationUrl: string, sub: string, redirectUri: string): Promise<URL> {
    const browser = new Browser();
    let response = await browser.get(new URL(authorizationUrl));
    for (let step = 0; step < 20; step++) {
      if (response.location) {
        if (response.location.href.startsWith(redirectUri)) {
          return response.location;
        }
        response = await browser.get(response.location);
        continue;
      }
      const form = parseForm(response.body, response.url);
      const fields: Record<string, string> = { ...form.hidden };
      if (fields.prompt === 'login') {
        fields.login = sub;
        fields.password = 'any';
      }
      response = await browser.post(form.action, fields);
    }
    throw new Error('the provider did not redirect back');
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill();
    await exited;
  }
}

interface BrowserResponse {
  url: URL;
  status: number;
  location?: URL;
  body: string;
}

/** Just enough of a browser: one cookie jar for the provider, manual redirects. */
class Browser {
  private readonly cookies = new Map<string, string>();

  get(url: URL): Promise<BrowserResponse> {
    return this.send(url, { method: 'GET' });
  }

  post(url: URL, fields: Record<string, string>): Promise<BrowserResponse> {
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  private async send(url: URL, init: RequestInit): Promise<BrowserResponse> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const header of res.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
    const location = res.headers.get('location');
    const body = await res.text();
    if (res.status >= 400) {
      throw new Error(
        `provider answered HTTP ${res.status} at ${url.pathname}: ${body.slice(0, 300)}`,
      );
    }
    return {
      url,
      status: res.status,
      location: location ? new URL(location, url) : undefined,
      body,
    };
  }
}

/** The first form of a page: its action and hidden inputs. */
function parseForm(html: string, base: URL): { action: URL; hidden: Record<string, string> } {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) {
    throw new Error(`no form on the provider's page ${base.pathname}`);
  }
  const hidden: Record<string, string> = {};
  for (const input of form[2].matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    if (name) {
      hidden[name] = value;
    }
  }
  return { action: new URL(form[1].replace(/&amp;/g, '&'), base), hidden };
}
