/**
 * Writes a SIPp caller scenario from steps: the call is answered, then the caller pauses, presses
 * keys (RFC 4733 from SIPp's DTMF pcaps; `*` and `#` as SIP INFO, which SIPp has no pcap for),
 * and hangs up — or waits for the far end to hang up.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type CallerStep = { pause: number } | { dtmf: string } | { info: string };

const headers = (cseq: string) => `
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: "Caller" <sip:[field_caller]@[local_ip]:[local_port]>;tag=[pid]SIPpTag09[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: ${cseq}
      Contact: <sip:[field_caller]@[local_ip]:[local_port]>
      Max-Forwards: 70`;

export function callerScenario(o: {
  caller: string;
  steps: CallerStep[];
  end: 'hangup' | 'await_bye';
}): string {
  let cseq = 2;
  const body: string[] = [];
  for (const s of o.steps) {
    if ('pause' in s) body.push(`  <pause milliseconds="${s.pause}" />`);
    else if ('dtmf' in s)
      for (const d of s.dtmf)
        body.push(
          `  <nop><action><exec play_pcap_audio="/usr/share/sip-tester/dtmf_2833_${d}.pcap" /></action></nop>`,
          '  <pause milliseconds="400" />',
        );
    else
      for (const d of s.info) {
        body.push(`  <send retrans="500"><![CDATA[
      INFO sip:[service]@[remote_ip]:[remote_port] SIP/2.0${headers(`${cseq++} INFO`)}
      Content-Type: application/dtmf-relay
      Content-Length: [len]

      Signal=${d}
      Duration=160
    ]]></send>
  <recv response="200" />`);
      }
  }
  const end =
    o.end === 'hangup'
      ? `  <send retrans="500"><![CDATA[
      BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0${headers(`${cseq} BYE`)}
      Content-Length: 0
    ]]></send>
  <recv response="200" crlf="true" />`
      : `  <recv request="BYE" timeout="60000" />
  <send><![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
    ]]></send>`;
  const xml = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="kefu caller">
  <send retrans="500"><![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0${headers('1 INVITE').replace('[peer_tag_param]', '')}
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15
      a=sendrecv
    ]]></send>
  <recv response="100" optional="true" />
  <recv response="180" optional="true" />
  <recv response="200" />
  <send><![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0${headers('1 ACK')}
      Content-Length: 0
    ]]></send>
${body.join('\n')}
${end}
</scenario>
`.replaceAll('[field_caller]', o.caller);
  const dir = mkdtempSync(join(tmpdir(), 'kefu-sipp-'));
  const file = join(dir, 'caller.xml');
  writeFileSync(file, xml);
  return file;
}
