/** Reads a picked file as base64 for the API's `attachments[].dataBase64`. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const url = String(r.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error ?? new Error('could not read the file'));
    r.readAsDataURL(file);
  });
}

export interface Upload {
  filename: string;
  contentType: string;
  dataBase64: string;
}

export async function toUpload(file: File): Promise<Upload> {
  return {
    filename: file.name,
    contentType: file.type || 'application/octet-stream',
    dataBase64: await fileToBase64(file),
  };
}
