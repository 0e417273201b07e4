import { Module } from '@nestjs/common';
import { ValidateIdentifierResolver } from './validate-identifier.resolver';

/** The `validateIdentifier` query over the shared identifier checks. */
@Module({ providers: [ValidateIdentifierResolver] })
export class IdentifiersModule {}
