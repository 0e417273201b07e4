export * from './attempt-limiter.service';
export * from './counter-store';
export * from './rate-limit.module';
