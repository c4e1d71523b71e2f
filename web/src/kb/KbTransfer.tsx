/**
 * Bulk authoring from the page: export every article as .md files (downloaded one JSON bundle
 * of files, the API's shape, which `kefu kb import` also reads), and import .md files picked
 * from disk (each becomes a draft or a new version; the report says which).
 */
import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../api/client.ts';
import { useReportError } from '../shared/errors.ts';
import type { KbImportItem } from './types.ts';

export function KbTransfer() {
  const { t } = useTranslation('kb');
  const { message } = App.useApp();
  const report = useReportError();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);

  const exportAll = async () => {
    try {
      const r = await get<{ files: { name: string; content: string }[] }>('/api/kb/export');
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(r, null, 2)], { type: 'application/json' }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.download = `kefu-kb-${new Date().toISOString().slice(0, 10)}.json`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      report(e);
    }
  };

  const importFiles = async (list: FileList | null) => {
    if (!list?.length) return;
    try {
      const files = await Promise.all(
        [...list].map(async (f) => ({ name: f.name, content: await f.text() })),
      );
      const r = await post<{ items: KbImportItem[] }>('/api/kb/import', { files });
      const n = (k: KbImportItem['result']) => r.items.filter((i) => i.result === k).length;
      const text = t('transfer.report', {
        created: n('created'),
        updated: n('updated'),
        unchanged: n('unchanged'),
        failed: n('failed'),
      });
      void (n('failed') ? message.warning(text) : message.success(text));
      void client.invalidateQueries({ queryKey: ['kb-articles'] });
    } catch (e) {
      report(e);
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <Button onClick={() => void exportAll()} data-testid="kb-export">
        {t('transfer.export')}
      </Button>
      <Button onClick={() => input.current?.click()} data-testid="kb-import">
        {t('transfer.import')}
      </Button>
      <input
        ref={input}
        type="file"
        accept=".md,text/markdown"
        multiple
        hidden
        onChange={(e) => void importFiles(e.target.files)}
        data-testid="kb-import-files"
      />
    </>
  );
}
