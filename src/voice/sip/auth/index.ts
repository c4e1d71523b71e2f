/** SIP Digest authentication (RFC 3261 §22, RFC 7616, RFC 8760): the module's public edge. */
export {
  digestAlgorithms,
  hexLength,
  nodeDigestHash,
  parseDigestAlgorithm,
  type DigestAlgorithm,
  type DigestHash,
} from './digest-algorithm.ts';
export { DigestParseError, type DigestParseErrorCode } from './digest-parse-error.ts';
export { parseAuthHeader, maxAuthHeaderLength, type AuthHeader } from './auth-params.ts';
export { parseDigestCredentials, type DigestCredentials } from './parse-digest-credentials.ts';
export {
  buildChallenge,
  buildChallenges,
  parseDigestChallenge,
  type DigestChallenge,
  type ParsedDigestChallenge,
} from './digest-challenge.ts';
export {
  computeHa1,
  computeResponse,
  digestsEqual,
  verify,
  type DigestResponseInput,
  type DigestSecret,
} from './digest-response.ts';
export { NonceManager, type NonceManagerOptions, type NonceStatus } from './nonce-manager.ts';
export {
  DigestAuthenticator,
  type DigestAuthenticateInput,
  type DigestAuthenticatorOptions,
  type DigestAuthResult,
  type DigestFailureReason,
  type DigestUserLookup,
  type DigestUserRecord,
} from './digest-authenticator.ts';
