import type { AppDeps } from '../app-deps';
import type { UnifiedServices } from '../unified/services';
import { RouteAndBookService } from './route-and-book-service';
import { WriteBackRunner } from './write-back-runner';
import { WriteBackWorker } from './write-back-worker';
import { writeBackSettings } from './write-back-settings';

export interface Routing {
  service: RouteAndBookService;
  /** Retries stored write-backs; started and stopped with the gateway (retryNow() for tests). */
  writeBacks: WriteBackWorker;
}

/** Route-and-book on top of the unified services: one service for the route, one worker for write-backs. */
export function createRouting(deps: AppDeps, services: UnifiedServices): Routing {
  const settings = writeBackSettings(deps.config.env);
  const writeBacks = new WriteBackWorker(deps.store, new WriteBackRunner(deps, services), deps.logger, settings);
  return { service: new RouteAndBookService(deps, services, writeBacks, settings), writeBacks };
}
