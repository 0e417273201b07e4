import { Global, Module } from '@nestjs/common';
import { TransactionRunner } from './transaction-runner';

/** Transaction handling shared by every module. */
@Global()
@Module({ providers: [TransactionRunner], exports: [TransactionRunner] })
export class DatabaseCoreModule {}
