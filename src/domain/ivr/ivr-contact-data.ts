/**
 * What of an IVR session is kept on the contact (the seed's "contact data"): the variables, with
 * keys made safe and sizes bounded, and the path taken through the flow.
 */
export function ivrContactData(
  vars: Readonly<Record<string, string>>,
  history: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) {
    const key = k.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64);
    if (key && Object.keys(out).length < 60) out[key] = v.slice(0, 1024);
  }
  out['ivr.path'] = history.join('>').slice(0, 1024);
  return out;
}
