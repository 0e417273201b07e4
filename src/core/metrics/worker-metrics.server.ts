import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../../config/configuration';
import { TokenVerifier } from '../../shared/auth/token-verifier.service';
import { MetricsCollector } from './metrics.collector';
import { sameSecret } from './metrics.controller';
import { metricsRegistry } from './metrics';

/**
 * The worker role's only HTTP surface (WORKER_METRICS_PORT): `GET /metrics` for Prometheus and
 * `GET /health` for the orchestrator. A worker runs the jobs, so job timings exist only here.
 * Plain node:http, bound for scraping from inside the network; nothing else is served.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server: Server | null = null;

  constructor(
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    private readonly collector: MetricsCollector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.app.workerMetricsPort;
    if (port === null) {
      return;
    }
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => resolve());
    });
    this.server = server;
    this.logger.log(`worker metrics on :${(server.address() as AddressInfo).port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET' }).end();
    } else if (path === '/health') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
    } else if (
      path === '/metrics' &&
      this.app.metricsEnabled &&
      this.app.metricsToken !== null &&
      !sameSecret(TokenVerifier.bearer(req.headers.authorization), this.app.metricsToken)
    ) {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end();
    } else if (path === '/metrics' && this.app.metricsEnabled) {
      try {
        await this.collector.collect();
        const body = await metricsRegistry.metrics();
        res.writeHead(200, { 'Content-Type': metricsRegistry.contentType }).end(body);
      } catch (error) {
        this.logger.error(`metrics scrape failed: ${(error as Error).message}`);
        res.writeHead(500).end();
      }
    } else {
      res.writeHead(404).end();
    }
  }
}
