// e2e tests boot the app and drive queues and child processes: allow a minute per test.
jest.setTimeout(60_000);
