import type RedisClass from 'ioredis';

export type Redis = RedisClass;

/**
 * ioredis, loaded only when REDIS_URL is set: it holds about 16 MB of memory that a single-process
 * gateway (the embedded default) never uses.
 */
export function redisClass(): typeof RedisClass {
  return (require('ioredis') as { default: typeof RedisClass }).default;
}

/** One connection to the gateway's Redis, with the options every user of it shares. */
export function connectRedis(url: string): Redis {
  const Client = redisClass();
  return new Client(url, { maxRetriesPerRequest: 2 });
}
