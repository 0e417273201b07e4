// A module that exists only in the tests: it proves the platform chain
// mutation → Bull job → worker → Redis PubSub → graphql-ws subscriber.
import { BullModule, InjectQueue, Process, Processor } from '@nestjs/bull';
import { Inject, Module } from '@nestjs/common';
import {
  Args,
  Field,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import type { Job, Queue } from 'bull';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { DataSource } from 'typeorm';
import { CurrentUser, Public } from '../../../src/shared/auth';
import type { AuthPrincipal } from '../../../src/shared/auth';
import { AppException } from '../../../src/shared/errors';
import { PUB_SUB } from '../../../src/core/pubsub/pubsub.module';

export const PING_QUEUE = 'e2e-ping';

@ObjectType()
class Ping {
  @Field()
  message!: string;

  @Field()
  by!: string;
}

@InputType()
class PingInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  message!: string;
}

@Resolver()
class PingResolver {
  constructor(
    @InjectQueue(PING_QUEUE) private readonly queue: Queue<{ message: string; by: string }>,
    @Inject(PUB_SUB) private readonly pubSub: RedisPubSub,
    private readonly dataSource: DataSource,
  ) {}

  @Public()
  @Query(() => String)
  publicHello(): string {
    return 'hello';
  }

  @Query(() => String)
  whoAmI(@CurrentUser() user: AuthPrincipal): string {
    return user.subject;
  }

  @Public()
  @Query(() => String)
  async brokenQuery(): Promise<string> {
    // Leaks nothing: the SQL error below must reach the client as a generic internal error.
    await this.dataSource.query('SELECT secret_column FROM no_such_table_for_test');
    return 'unreachable';
  }

  @Public()
  @Query(() => String)
  conflictQuery(): string {
    throw AppException.conflict('Уже существует', 'ALREADY_EXISTS');
  }

  @Mutation(() => Boolean)
  async enqueuePing(
    @Args('input') input: PingInput,
    @CurrentUser() user: AuthPrincipal,
  ): Promise<boolean> {
    await this.queue.add({ message: input.message, by: user.subject });
    return true;
  }

  @Subscription(() => Ping, { resolve: (payload: { pinged: Ping }) => payload.pinged })
  pinged() {
    return this.pubSub.asyncIterator('e2e.pinged');
  }
}

@Processor(PING_QUEUE)
class PingProcessor {
  constructor(@Inject(PUB_SUB) private readonly pubSub: RedisPubSub) {}

  @Process()
  async handle(job: Job<{ message: string; by: string }>): Promise<void> {
    await this.pubSub.publish('e2e.pinged', {
      pinged: { message: job.data.message.toUpperCase(), by: job.data.by },
    });
  }
}

@Module({
  imports: [BullModule.registerQueue({ name: PING_QUEUE })],
  providers: [PingResolver, PingProcessor],
})
export class PingTestModule {}
