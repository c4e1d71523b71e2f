/**
 * Plays one recording: the browser's <audio> streams it from the server (which honours Range,
 * so seeking works), the waveform comes from the waveform API, a click on it seeks.
 */
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client.ts';
import { useErrorText } from '../shared/errors.ts';
import { useFormat } from '../shared/format.ts';
import type { Recording, Waveform as WaveformData } from './recording-types.ts';
import { Waveform } from './Waveform.tsx';

export function RecordingPlayer({ recording }: { recording: Recording }) {
  const { t } = useTranslation('recordings');
  const errorText = useErrorText();
  const fmt = useFormat();
  const audio = useRef<HTMLAudioElement>(null);
  const [positionMs, setPositionMs] = useState(0);
  const id = recording.contactId;
  const wave = useQuery({
    queryKey: ['rec-waveform', id],
    queryFn: () => get<WaveformData>(`/api/recordings/${id}/waveform?points=600`),
    staleTime: Infinity,
  });
  const src = `/api/recordings/${id}/audio`;
  return (
    <Card
      size="small"
      data-testid="rec-player"
      title={`${recording.from} · ${fmt.dateTime(recording.startedAt)}`}
      extra={
        <Button size="small" href={`${src}?download=1`} download data-testid="rec-download">
          {t('download')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {/* The session cookie authenticates the browser's own requests for the audio. */}
        <audio
          ref={audio}
          controls
          preload="metadata"
          src={src}
          data-testid="rec-audio"
          style={{ width: '100%' }}
          onTimeUpdate={(e) => setPositionMs(e.currentTarget.currentTime * 1000)}
        />
        {wave.isPending && (
          <Typography.Text type="secondary">{t('waveform.loading')}</Typography.Text>
        )}
        {wave.error && <Alert type="error" showIcon title={errorText(wave.error)} />}
        {wave.data && (
          <Waveform
            data={wave.data}
            positionMs={positionMs}
            onSeek={(ms) => {
              if (audio.current) audio.current.currentTime = ms / 1000;
              setPositionMs(ms);
            }}
          />
        )}
        <Typography.Text type="secondary">
          {t('channels')} · {t('pausedLegend')}
        </Typography.Text>
      </Space>
    </Card>
  );
}
