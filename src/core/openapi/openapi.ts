import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';

/** Where non-production instances serve the document. */
export const OPENAPI_PATH = '/openapi.json';

/**
 * The OpenAPI 3.1 description of Kabinet's REST routes (`/oauth/token`, `/files/…`, `/health`,
 * `/metrics`), built from the controllers' decorators. GraphQL is described by schema.gql.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Kabinet REST routes')
    .setDescription(
      'The REST routes beside the GraphQL API (POST /graphql, graphql-ws at the same path, ' +
        'described by schema.gql). Errors of REST routes other than /oauth/token are ' +
        '`{ "error": { "code", "subCode", "message" } }` with the matching HTTP status.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addBasicAuth({ type: 'http', scheme: 'basic' }, 'client_secret_basic')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  // Stable output: paths in alphabetical order, so the committed file diffs cleanly.
  document.paths = Object.fromEntries(
    Object.entries(document.paths).sort(([a], [b]) => a.localeCompare(b)),
  );
  return document;
}

/** The document as committed in openapi.json. */
export function serializeOpenApiDocument(document: OpenAPIObject): string {
  return JSON.stringify(document, null, 2) + '\n';
}
