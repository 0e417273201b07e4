// The anchor of `npm run bench:api`: a bare NestJS + Apollo (Express) server answering
// `{ hello }`, built with the same packages and versions as Kabinet and nothing around the
// resolver (no guards, rate limit, logging, metrics, helmet). Started as a child process by
// api.ts on PORT; prints "ready" on stdout once it listens.
import 'reflect-metadata';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql';

@Resolver()
class HelloResolver {
  @Query(() => String, { description: 'A constant.' })
  hello(): string {
    return 'world';
  }
}

@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      autoSchemaFile: true,
      playground: false,
    }),
  ],
  providers: [HelloResolver],
})
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BareModule, { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  console.log('ready');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
