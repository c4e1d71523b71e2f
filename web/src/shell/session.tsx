/** Who is logged in; the token lives in localStorage so a reload keeps the session. */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { get, post, session } from '../api/client.ts';
import type { Login, User } from '../api/types.ts';

interface SessionValue {
  user: User | null;
  ready: boolean;
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
}

const Ctx = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!session.token) return setReady(true);
    get<User>('/api/auth/me')
      .then(setUser)
      .catch(() => (session.token = null))
      .finally(() => setReady(true));
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    const r = await post<Login>('/api/auth/login', { username, password });
    session.token = r.token;
    setUser(r.user);
    return r.user;
  }, []);
  const logout = useCallback(async () => {
    await post('/api/auth/logout').catch(() => undefined);
    session.token = null;
    setUser(null);
  }, []);
  const value = useMemo(() => ({ user, ready, login, logout }), [user, ready, login, logout]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
