/** SIP registrar (RFC 3261 §10): the module's public edge. */
export {
  compareForLookup,
  contactHeaderValue,
  effectiveQ,
  formatQ,
  isLive,
  remainingSeconds,
  type Binding,
  type BindingSource,
  type RegisteredBinding,
} from './binding.ts';
export {
  defaultRegisterPolicy,
  planRegister,
  validateRegisterPolicy,
  type RegisterContact,
  type RegisterPlan,
  type RegisterPolicy,
  type RegisterRequest,
  type RegisterResult,
} from './plan-register.ts';
export type { AorBindings, RegistrationStore } from './registration-store.ts';
export { MemoryRegistrationStore } from './memory-registration-store.ts';
export { Registrar, type RegistrarOptions } from './registrar.ts';
export { canonicalAor, sipUrisEqual } from './sip-uri-compare.ts';
