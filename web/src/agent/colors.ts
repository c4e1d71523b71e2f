/** Tag colours, one place, so a state or stage looks the same everywhere on the desktop. */
export const stateColor: Record<string, string> = {
  available: 'green',
  busy: 'blue',
  away: 'orange',
  wrapup: 'purple',
  offline: 'default',
  reserved: 'gold',
};

export const channelColor: Record<string, string> = {
  voice: 'geekblue',
  webchat: 'cyan',
  email: 'blue',
  sms: 'lime',
  fax: 'purple',
  webform: 'magenta',
  callback: 'volcano',
  case: 'gold',
};

export const stageColor: Record<string, string> = {
  accepted: 'blue',
  verifying: 'cyan',
  dispatched: 'purple',
  supervising: 'orange',
  replied: 'green',
  closed: 'default',
  canceled: 'default',
};

export const priorityColor: Record<string, string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export const levelColor: Record<string, string> = {
  normal: 'default',
  silver: 'geekblue',
  gold: 'gold',
  platinum: 'purple',
  vip: 'red',
};

export const callStateColor: Record<string, string> = {
  queued: 'default',
  ringing: 'gold',
  established: 'green',
  held: 'orange',
  consulting: 'purple',
  conferenced: 'cyan',
  released: 'default',
};
