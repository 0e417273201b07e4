import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { loadEnv } from '../config/env.schema';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from '../modules/operations/index';
import { AcceptFirstGate } from './http/accept-first.gate';
import { buildOpenApiDocument, OPENAPI_PATH, serializeOpenApiDocument } from './openapi/openapi';
import { createValidationPipe } from './validation/validation.pipe';

function trustProxyValue(raw: string): boolean | number | string {
  if (raw === 'true' || raw === 'false') {
    return raw === 'true';
  }
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/**
 * Everything main.ts applies to the HTTP app, shared with the e2e tests so they run the same app.
 */
export function configureApp(app: INestApplication): void {
  const env = loadEnv();
  const express = app as NestExpressApplication;
  express.useLogger(express.get(Logger));
  // First of all middleware: a burst of new connections is accepted before requests are worked on.
  const gate = new AcceptFirstGate();
  gate.watch(express.getHttpServer());
  express.use((_req: unknown, _res: unknown, next: () => void) => gate.admit(next));
  express.set('trust proxy', trustProxyValue(env.TRUST_PROXY));
  express.disable('x-powered-by');
  // Uploads are multipart (own limit); JSON bodies carry batches of up to 1 000 events.
  express.useBodyParser('json', { limit: '2mb' });
  express.useBodyParser('urlencoded', { extended: false, limit: '64kb' });
  app.use(
    helmet({
      // The GraphQL landing page (development only) loads scripts from a CDN.
      contentSecurityPolicy: env.NODE_ENV === 'production' ? undefined : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.enableCors({
    origin: env.CORS_ORIGINS.length > 0 ? env.CORS_ORIGINS : false,
    credentials: false,
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'Apollo-Require-Preflight',
      'X-Apollo-Operation-Name',
      'X-Request-Id',
    ],
  });
  app.use(QUEUE_DASHBOARD_PATH, ...app.get(QueueDashboard).handlers());
  if (env.NODE_ENV !== 'production') {
    // The REST routes' OpenAPI document, for developers; production does not describe itself.
    const document = serializeOpenApiDocument(buildOpenApiDocument(app));
    app.use(OPENAPI_PATH, (req: Request, res: Response, next: () => void) => {
      if (req.method !== 'GET' || (req.path !== '/' && req.path !== '')) {
        next();
        return;
      }
      res.type('application/json').send(document);
    });
  }
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
}
