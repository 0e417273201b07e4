import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchNginxConf, DEPLOY_CONF, nginxBinary } from './nginx';

// Where the rewritten configuration says nginx writes (never created by these cases).
const RUN_DIR = join(tmpdir(), 'kabinet-nginx-spec');

const shipped = readFileSync(DEPLOY_CONF, 'utf8');

describe('benchNginxConf', () => {
  const upstreams = ['http://127.0.0.1:4001', 'http://127.0.0.1:4002'];

  it('rewrites only the marked lines of deploy/nginx.conf', () => {
    const conf = benchNginxConf(shipped, upstreams, 8123, RUN_DIR);
    expect(conf).toContain('listen 127.0.0.1:8123;');
    expect(conf).toContain('server 127.0.0.1:4001 max_fails=0;');
    expect(conf).toContain('server 127.0.0.1:4002 max_fails=0;');
    expect(conf).not.toContain('127.0.0.1:3000');
    expect(conf).toContain(`pid ${join(RUN_DIR, 'nginx.pid')};`);
    expect(conf).toContain(`client_body_temp_path ${join(RUN_DIR, 'body')};`);
    // What the deployment sets stays as shipped: the benchmark measures this file.
    for (const line of [
      'keepalive 64;',
      'proxy_http_version 1.1;',
      'proxy_request_buffering on;',
      'client_body_buffer_size 1m;',
      'client_max_body_size 21m;',
    ]) {
      expect(conf).toContain(line);
    }
  });

  it('refuses a file that lost a marked line', () => {
    const without = shipped
      .split('\n')
      .filter((line) => !line.includes('# bench: upstream'))
      .join('\n');
    expect(() => benchNginxConf(without, upstreams, 8123, RUN_DIR)).toThrow(/upstream/);
  });

  it('refuses an unknown marker', () => {
    expect(() =>
      benchNginxConf(`${shipped}\nfoo bar; # bench: other\n`, upstreams, 8123, RUN_DIR),
    ).toThrow(/unknown marker/);
  });

  // nginx -t on the rewritten file: the shipped configuration parses with the nginx in use.
  const withNginx = nginxBinary() ? it : it.skip;
  withNginx('passes nginx -t', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kabinet-nginx-spec-'));
    try {
      const path = join(dir, 'nginx.conf');
      writeFileSync(path, benchNginxConf(shipped, upstreams, 8123, dir));
      const check = spawnSync(nginxBinary()!, ['-t', '-q', '-p', dir, '-c', path], {
        encoding: 'utf8',
      });
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
