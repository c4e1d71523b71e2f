/** The API client plus DELETE, which the shared client has no shorthand for. */
import { api } from '../api/client.ts';

export { get, patch, post, put } from '../api/client.ts';
export const del = <T>(path: string) => api<T>('DELETE', path);
