import * as client from 'openid-client';

/**
 * The family portal's production login (issue 5 item 1): OpenID Connect, the route a MitID broker offers. The
 * authorization code flow with PKCE (S256), state and nonce; the three are kept in a short-lived signed cookie of
 * the browser that started the login, so a callback only completes in that browser (no login CSRF, no misbinding).
 * The broker vouches for a CPR number in a claim (OIDC_CPR_CLAIM, default `dk.cpr`), read from the ID token or,
 * when the provider puts claims there, from the UserInfo endpoint.
 */

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The claim carrying the CPR number (MitID brokers name it differently). */
  cprClaim: string;
  /** Space-separated scopes; `openid` plus whatever scope the broker wants for the CPR claim. */
  scopes: string;
}

/** What the start of a login leaves in the browser's cookie for its callback. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  verifier: string;
}

export class OidcLoginError extends Error {}

/** The one OIDC client of the app; discovery runs on first use and is retried after a failure. */
export class PortalOidc {
  private configuration: Promise<client.Configuration> | null = null;

  /** allowHttp: an http:// issuer (a provider on localhost in tests); never in production. */
  constructor(readonly settings: OidcSettings, private readonly allowHttp: boolean) {}

  private config(): Promise<client.Configuration> {
    this.configuration ??= client.discovery(
      new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, undefined,
      this.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
    ).catch((error: unknown) => {
      this.configuration = null;
      throw error;
    });
    return this.configuration;
  }

  /** The provider's authorization URL for a new login, and what the callback must find in the cookie. */
  async start(): Promise<{ url: string; transaction: OidcTransaction }> {
    const config = await this.config();
    const transaction = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri, scope: this.settings.scopes, response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(transaction.verifier), code_challenge_method: 'S256',
      state: transaction.state, nonce: transaction.nonce,
    });
    return { url: url.href, transaction };
  }

  /**
   * Completes the login: checks state, exchanges the code with the PKCE verifier, checks the ID token (issuer,
   * audience, signature, nonce, expiry) and returns the CPR number it vouches for (10 digits), or throws.
   */
  async finish(query: string, transaction: OidcTransaction): Promise<string> {
    const config = await this.config();
    const callback = new URL(this.settings.redirectUri);
    callback.search = query;
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: transaction.verifier, expectedState: transaction.state, expectedNonce: transaction.nonce, idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new OidcLoginError('no ID token');
    let cpr: unknown = claims[this.settings.cprClaim];
    if (cpr === undefined) {
      const userInfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      cpr = userInfo[this.settings.cprClaim];
    }
    const digits = typeof cpr === 'string' ? cpr.replace(/[\s-]/g, '') : '';
    if (!/^[0-9]{10}$/.test(digits)) throw new OidcLoginError('no CPR number in the claims');
    return digits;
  }
}
