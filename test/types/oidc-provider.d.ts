/** oidc-provider (a devDependency, the local OpenID provider of test/portal-oidc.test.ts) ships no type declarations. */
declare module 'oidc-provider';
