// s3rver for the local cluster: `node s3.mjs PORT DIRECTORY BUCKET`.
import S3rver from 's3rver';

const [port, directory, bucket] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: Number(port),
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
});
await server.run();
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
