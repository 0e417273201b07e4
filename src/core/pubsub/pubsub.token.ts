/** The injection token of the application's Redis PubSub. */
export const PUB_SUB = Symbol('PUB_SUB');
