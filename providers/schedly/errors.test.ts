import { classifyError } from './errors';

/** Schedly's error envelope → the gateway's error, case by case (README § Errors). */
const env = (error: string, message: string, details?: unknown) => ({ status: 'error', error, message, ...(details ? { details } : {}) });
const classify = (status: number, body: unknown) => classifyError({ status, headers: {}, body });

describe('classifyError', () => {
  it('VALIDATION_ERROR details → INVALID_INPUT on the unified field names', () => {
    const err = classify(422, env('VALIDATION_ERROR', 'Invalid request parameters', [
      { field: 'serviceId', message: 'Service is inactive' }, { field: 'customFields.vip', message: 'Must be a boolean' }, { field: 'locationId', message: 'Unknown' }, { message: 'no field' },
    ]))!;
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.details.errors).toEqual([
      { field: 'bookingPageId', message: 'Service is inactive' }, { field: 'customFields.vip', message: 'Must be a boolean' },
      { field: 'providerData.locationId', message: 'Unknown' }, { field: 'body', message: 'no field' },
    ]);
    expect(err.details.provider).toEqual({ status: 422, code: 'VALIDATION_ERROR', message: 'Invalid request parameters' });
  });

  it('a bad query parameter (400 VALIDATION_ERROR) names the filter; BAD_REQUEST without details names the body', () => {
    expect(classify(400, env('VALIDATION_ERROR', 'Invalid', [{ field: 'updatedSince', message: 'Must be a valid ISO 8601 date' }]))!.details.errors)
      .toEqual([{ field: 'updatedSince', message: 'Must be a valid ISO 8601 date' }]);
    expect(classify(400, env('BAD_REQUEST', 'The id query parameter is required.'))!.details.errors)
      .toEqual([{ field: 'body', message: 'The id query parameter is required.' }]);
  });

  it('CONFLICT → PROVIDER_CONFLICT (the meetings adapter makes slot writes SLOT_UNAVAILABLE)', () => {
    expect(classify(409, env('CONFLICT', 'A customer with this email already exists.'))!.code).toBe('PROVIDER_CONFLICT');
  });

  it('leaves NOT_FOUND, UNAUTHORIZED, RATE_LIMITED, FORBIDDEN and 5xx to the provider client', () => {
    expect(classify(404, env('NOT_FOUND', 'x'))).toBeNull();
    expect(classify(401, env('UNAUTHORIZED', 'Invalid API key provided.'))).toBeNull();
    expect(classify(429, env('RATE_LIMITED', 'Rate limit exceeded. Retry after 60s.'))).toBeNull();
    expect(classify(403, env('FORBIDDEN', 'x'))).toBeNull();
    expect(classify(500, env('INTERNAL_ERROR', 'x'))).toBeNull();
  });

  it('never echoes anything shaped like a credential, and copes with a non-JSON body', () => {
    const err = classify(422, env('VALIDATION_ERROR', 'bad header Bearer abc.def.ghi'))!;
    expect(JSON.stringify(err.details)).not.toContain('abc.def.ghi');
    expect(classify(422, '<html>oops</html>')!.details.errors).toEqual([{ field: 'body', message: 'rejected by Schedly' }]);
  });
});
