/** Shapes of resource management, from the server's contracts (types only). */
import type { z } from 'zod';
import type {
  AlarmView,
  NodeView,
  ResourceBoard,
  SeatView,
  TrunkView,
} from '../../../src/contracts/resources.ts';
import type { UserView } from '../../../src/contracts/auth.ts';

export type Seat = z.infer<typeof SeatView>;
export type Trunk = z.infer<typeof TrunkView>;
export type KefuNode = z.infer<typeof NodeView>;
export type Alarm = z.infer<typeof AlarmView>;
export type Board = z.infer<typeof ResourceBoard>;
export type PhoneRow = Board['phones'][number];
export type TrunkHealthRow = Board['trunks'][number];
export type SeatCell = Board['seats'][number];
export type AgentUser = z.infer<typeof UserView>;

/** Tag colours of health states, one place. */
export const healthColor: Record<string, string> = {
  registered: 'green',
  unregistered: 'default',
  unreachable: 'red',
  up: 'green',
  down: 'red',
  unknown: 'default',
  ok: 'green',
  overloaded: 'red',
};
