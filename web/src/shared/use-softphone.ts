/**
 * The browser softphone (`/softphone.js`, framework-free, see docs/telephony.md) for agents who
 * logged in without a desk phone: loaded on demand, connected with the session token, and its
 * ringing legs exposed so the offer banner answers the call in the page.
 */
import { useEffect, useState } from 'react';
import { session } from '../api/client.ts';

export interface RingingLeg {
  legId: string;
  contactId?: string;
  from?: string;
  display?: string;
}

export type PhoneState = 'loading' | 'idle' | 'ringing' | 'connected' | 'offline';

interface KefuSoftphone {
  connect(): Promise<void>;
  answer(legId: string): Promise<void>;
  reject(legId: string): void;
  hangup(): void;
  sendDtmf(digits: string): boolean;
  close(): void;
  readonly ringing: Map<string, RingingLeg>;
  ws: WebSocket | null;
}

interface SoftphoneOptions {
  token: string;
  onRing?: (r: RingingLeg) => void;
  onState?: (s: string) => void;
}

declare global {
  interface Window {
    KefuSoftphone?: new (o: SoftphoneOptions) => KefuSoftphone;
  }
}

let loading: Promise<void> | null = null;

function loadScript(): Promise<void> {
  if (window.KefuSoftphone) return Promise.resolve();
  loading ??= new Promise<void>((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/softphone.js';
    s.async = true;
    s.onload = () => resolve();
    s.onerror = () => {
      loading = null;
      reject(new Error('softphone.js did not load'));
    };
    document.head.appendChild(s);
  });
  return loading;
}

export interface Softphone {
  state: PhoneState;
  ringing: RingingLeg[];
  answer(legId: string): Promise<void>;
  reject(legId: string): void;
  hangup(): void;
}

/** Runs the softphone while `enabled` (the agent's session says softphone). */
export function useSoftphone(enabled: boolean): Softphone | null {
  const [phone, setPhone] = useState<KefuSoftphone | null>(null);
  const [state, setState] = useState<PhoneState>('loading');
  const [ringing, setRinging] = useState<RingingLeg[]>([]);

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let current: KefuSoftphone | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const sync = () => setRinging(current ? [...current.ringing.values()] : []);
    const start = async () => {
      const token = session.token;
      if (stopped || !token) return;
      try {
        await loadScript();
        const Ctor = window.KefuSoftphone;
        if (!Ctor || stopped) return;
        const p = new Ctor({
          token,
          onRing: sync,
          onState: (s) => {
            setState(s === 'ringing' || s === 'connected' ? s : 'idle');
            sync();
          },
        });
        current = p;
        await p.connect();
        if (stopped) return p.close();
        setPhone(p);
        setState('idle');
        // The script does not reconnect by itself; a dropped signalling socket would leave
        // the agent unreachable, so start over (the switch re-offers a call in progress).
        p.ws?.addEventListener('close', () => {
          if (stopped) return;
          setState('offline');
          retry = setTimeout(() => void start(), 2000);
        });
      } catch {
        if (stopped) return;
        setState('offline');
        retry = setTimeout(() => void start(), 5000);
      }
    };
    void start();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      current?.close();
      setPhone(null);
      setRinging([]);
      setState('loading');
    };
  }, [enabled]);

  if (!enabled) return null;
  return {
    state,
    ringing,
    answer: async (legId) => {
      if (!phone) return;
      await phone.answer(legId);
      setRinging([...phone.ringing.values()]);
    },
    reject: (legId) => {
      phone?.reject(legId);
      if (phone) setRinging([...phone.ringing.values()]);
    },
    hangup: () => phone?.hangup(),
  };
}
