/**
 * What a connection's encrypted `credentials` blob holds. It never leaves the core: no response,
 * log line or webhook carries it.
 */
export interface OAuthCredentials {
  type: 'oauth2';
  accessToken: string;
  refreshToken: string | null;
  /** ISO time the access token expires, or null when the token response has no expires_in. */
  expiresAt: string | null;
  tokenType: string;
  /** When this access token was obtained (for lifetime guesses where expiresAt is null). */
  obtainedAt: string;
}

export interface ApiKeyCredentials {
  type: 'api_key';
  apiKey: string;
}

export type Credentials = OAuthCredentials | ApiKeyCredentials;
