export * from './auth-principal';
export * from './current-user.decorator';
export * from './gql-auth.guard';
export * from './public.decorator';
export * from './request-context';
export * from './token-verifier.service';
export * from './auth-core.module';
export * from './jwt-key';
