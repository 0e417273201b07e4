import { Global, Module } from '@nestjs/common';
import { RedisClients } from './redis-clients';

/** The process's named Redis connections ({@link RedisClients}), for every module. */
@Global()
@Module({ providers: [RedisClients], exports: [RedisClients] })
export class RedisModule {}
