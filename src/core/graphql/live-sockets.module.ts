import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { appConfig } from '../../config/configuration';
import { LiveSockets } from './live-sockets';

interface WithWebSocketServer {
  graphQlAdapter?: { _subscriptionService?: { wss?: { options?: { maxPayload?: number } } } };
}

/**
 * Sets the largest frame the graphql-ws server accepts. @nestjs/graphql builds its `ws` server
 * with the library default (100 MiB) and no option for it; `ws` reads `options.maxPayload` at
 * every upgrade, so setting it once the server exists applies to every socket. Throws when the
 * server is not where it is expected (a changed @nestjs/apollo), so the limit never goes missing
 * silently.
 */
export function limitWsFrames(graphql: unknown, maxPayload: number): void {
  const options = (graphql as WithWebSocketServer).graphQlAdapter?._subscriptionService?.wss
    ?.options;
  if (!options) {
    throw new Error('graphql-ws server not found: the frame limit cannot be applied');
  }
  options.maxPayload = maxPayload;
}

/** The registry of this node's graphql-ws sockets and the frame limit (API role only). */
@Module({ providers: [LiveSockets], exports: [LiveSockets] })
export class LiveSocketsModule implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  onApplicationBootstrap(): void {
    limitWsFrames(this.moduleRef.get(GraphQLModule, { strict: false }), this.app.wsMaxPayloadBytes);
  }
}
