import { isGatewayError } from '../errors';

/**
 * A failure of the browser side of a connection (consent denied, state replayed or expired,
 * exchange refused). It ends as an `error` event in the widget with a stable code, never a stack.
 */
export class ConnectFlowError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) { super(message); this.name = 'ConnectFlowError'; }
}

export interface FlowErrorView { code: string; message: string; status: number }

/** Gateway errors keep their code; anything unknown becomes INTERNAL_ERROR with nothing internal in it. */
export function toFlowError(err: unknown): FlowErrorView {
  if (err instanceof ConnectFlowError) return { code: err.code, message: err.message, status: err.status };
  if (isGatewayError(err)) return { code: err.code, message: err.message, status: err.status };
  return { code: 'INTERNAL_ERROR', message: 'Something went wrong', status: 500 };
}
