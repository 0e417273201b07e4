// Runs before each e2e file's own imports. @nestjs/graphql keeps its type metadata on `global`,
// which outlives jest's per-file module registry: classes of an earlier file (holding another
// registry's GraphQLID) would break the next file's schema. Every file starts from empty storages.
const globals = globalThis as Record<string, unknown>;
delete globals.GqlTypeMetadataStorage;
delete globals.GqlLazyMetadataStorageHost;
