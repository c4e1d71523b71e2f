import { PaperClipOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Picks files to attach (kept in the browser until sent; at most 10, as the API allows). */
export function AttachmentPicker({
  files,
  onChange,
}: {
  files: File[];
  onChange: (files: File[]) => void;
}) {
  const { t } = useTranslation('agent');
  const input = useRef<HTMLInputElement>(null);
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4, alignItems: 'center' }}>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="attach-input"
        onChange={(e) => {
          onChange([...files, ...Array.from(e.target.files ?? [])].slice(0, 10));
          e.target.value = '';
        }}
      />
      <Button size="small" icon={<PaperClipOutlined />} onClick={() => input.current?.click()}>
        {t('composer.attach')}
      </Button>
      {files.map((f, i) => (
        <Tag key={`${f.name}-${i}`} closable onClose={() => onChange(files.filter((x) => x !== f))}>
          {f.name}
        </Tag>
      ))}
    </span>
  );
}
