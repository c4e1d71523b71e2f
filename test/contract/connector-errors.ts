/** The coded failure of a connector call, for the contract tests' assertions. */
import { ConnectorError } from '../../src/app/ports/connectors.ts';

export async function codeOf(
  p: Promise<unknown>,
): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof ConnectorError)) throw e;
    return { code: e.code, details: e.details ?? {} };
  }
  throw new Error('expected a ConnectorError');
}
