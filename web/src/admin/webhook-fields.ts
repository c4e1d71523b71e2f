/**
 * Client-side checks for the webhook form, the same rules the server applies
 * (domain/webhook/webhook-subscription.ts), so a mistake shows at the field instead of as a
 * refused request.
 */
export const webhookPatternSyntax = /^(\*|[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*(\.\*)?)$/;

/** Only http(s) URLs without a user name or password in them. */
export function isWebhookUrl(v: string): boolean {
  try {
    const u = new URL(v.trim());
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** Suggestions for the event type picker; any other pattern may be typed. */
export const eventTypeSuggestions = [
  '*',
  'case.*',
  'case.created',
  'case.stage_changed',
  'case.closed',
  'customer.*',
  'contact.*',
  'message.*',
  'task.*',
  'agent.*',
  'call.*',
  'resource.*',
  'resource.alarm_raised',
  'resource.alarm_cleared',
];
