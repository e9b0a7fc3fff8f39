import { GatewayError } from '../errors';

/** The steps of a route-and-book; a failure names the step it happened in (details.step). */
export type RouteStep = 'enrich' | 'host' | 'availability' | 'book' | 'write_back';

/** Runs one step: a gateway error it raises keeps its own code and status and gains details.step. */
export async function step<T>(name: RouteStep, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw withStep(err, name);
  }
}

export function withStep(err: unknown, name: RouteStep): unknown {
  if (err instanceof GatewayError && err.details.step === undefined) Object.assign(err.details, { step: name });
  return err;
}
