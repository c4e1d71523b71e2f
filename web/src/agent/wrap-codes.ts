/** Wrap-up codes the desktop offers (free text on the server; texts under `wrapCode.*`). */
export const wrapUpCodes = [
  'resolved',
  'follow_up',
  'case_opened',
  'callback',
  'no_action',
] as const;
