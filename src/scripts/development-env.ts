// Imported first by the generators: writing schema.gql or openapi.json signs nothing, so the
// development secrets apply (the server itself refuses them outside development and test).
process.env.NODE_ENV ??= 'development';
