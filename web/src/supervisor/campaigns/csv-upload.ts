/**
 * Uploads a contact list as text/csv with XMLHttpRequest, whose upload events report progress
 * (fetch has none), and answers the import report; a refusal becomes the same `ApiError` the
 * shared client raises, with the problem's code and detail.
 */
import { ApiError, session } from '../../api/client.ts';
import type { ImportReport } from './campaign-types.ts';

export function uploadCsv(
  path: string,
  file: Blob,
  onProgress: (sent: number, total: number) => void,
): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.setRequestHeader('accept', 'application/json');
    const token = session.token;
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new Error('network error'));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as ImportReport);
      const p = (data ?? {}) as {
        code?: string;
        detail?: string;
        details?: Record<string, unknown>;
      };
      const details = p.details ?? {};
      reject(
        new ApiError(
          xhr.status,
          p.code ?? 'internal',
          p.detail ?? xhr.statusText,
          typeof details['field'] === 'string' ? details['field'] : null,
          details,
        ),
      );
    };
    xhr.send(file);
  });
}
