/** A refusal the CLI reports on stderr with a non-zero exit, without a stack trace. */
export class CliError extends Error {}
