/** What every use case receives: the ports, the center's settings, and who is acting. */
import type { Viewer } from '../domain/access/viewer.ts';
import type { Clock } from './ports/clock.ts';
import type { Ids } from './ports/ids.ts';
import type { Store } from './ports/store.ts';

export interface CenterConfig {
  /** The center's time zone: case numbers use its local date. */
  readonly timeZone: string;
  /** Country code added to national phone numbers ('86' for China). */
  readonly defaultCountryCode: string;
}

export const defaultCenterConfig: CenterConfig = {
  timeZone: 'Asia/Shanghai',
  defaultCountryCode: '86',
};

export interface AppDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly config: CenterConfig;
}

/** The user performing an action, as the use cases see them. */
export interface Actor extends Viewer {
  readonly username: string;
  readonly ip: string | null;
}

export const systemActor: Actor = {
  id: 'system',
  username: 'system',
  role: 'admin',
  teamIds: [],
  customerId: null,
  ip: null,
};

/** An agent acting through the system (the switch answering or accepting on their behalf). */
export const agentActor = (id: string): Actor => ({
  id,
  username: id,
  role: 'agent',
  teamIds: [],
  customerId: null,
  ip: null,
});
