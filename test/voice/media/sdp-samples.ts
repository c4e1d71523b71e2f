/**
 * SDP bodies as real peers send them (addresses from the documentation ranges, RFC 5737/3849).
 * Lines are joined with CRLF as on the wire.
 */
const crlf = (lines: string[]): string => lines.map((l) => `${l}\r\n`).join('');

/** SIPp 3.6 `-sn uac` default INVITE body: PCMU only, no telephone-event. */
export const sippUac = crlf([
  'v=0',
  'o=user1 53655765 2353687637 IN IP4 192.0.2.10',
  's=-',
  'c=IN IP4 192.0.2.10',
  't=0 0',
  'm=audio 6000 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
]);

/** A SIPp pcap-play scenario offering PCMA with telephone-event 101 (0-11,16). */
export const sippPcap = crlf([
  'v=0',
  'o=user1 53655765 2353687637 IN IP4 192.0.2.10',
  's=-',
  'c=IN IP4 192.0.2.10',
  't=0 0',
  'm=audio 6000 RTP/AVP 8 101',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-11,16',
]);

/** baresip 3.x: opus and wideband first, G.711 later, telephone-event 101, rtcp-mux hints. */
export const baresip = crlf([
  'v=0',
  'o=- 1193817498 3210465283 IN IP4 198.51.100.23',
  's=-',
  'c=IN IP4 198.51.100.23',
  't=0 0',
  'm=audio 10954 RTP/AVP 96 9 0 8 101',
  'b=AS:80',
  'a=rtpmap:96 opus/48000/2',
  'a=fmtp:96 stereo=1;sprop-stereo=1',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
  'a=rtcp-rsize',
  'a=ssrc:2846219837 cname:ad0da0a2-4e83-4b1b-8a9e-5f1b1d0c6f21',
  'a=sendrecv',
  'a=label:1',
  'a=ptime:20',
]);

/** Chrome 130 offer (trickle ICE, no candidates yet): telephone-event/8000 is 126. */
export const chrome = crlf([
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=extmap-allow-mixed',
  'a=msid-semantic: WMS 5a6c7b2e-0f1d-4c52-9b7e-3b6f1a2d8c90',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:Xs2f',
  'a=ice-pwd:0bJ8kHqW3lQ7Zr1mNcT5uYvA',
  'a=ice-options:trickle',
  'a=fingerprint:sha-256 9B:3E:51:7C:0A:D4:66:21:F8:93:BC:12:4E:7A:C5:08:1D:AF:62:39:E0:57:8B:C4:13:6D:F2:A9:05:7E:BB:40',
  'a=setup:actpass',
  'a=mid:0',
  'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
  'a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
  'a=sendrecv',
  'a=msid:5a6c7b2e-0f1d-4c52-9b7e-3b6f1a2d8c90 1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  'a=rtcp-mux',
  'a=rtcp-rsize',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:13 CN/8000',
  'a=rtpmap:110 telephone-event/48000',
  'a=rtpmap:126 telephone-event/8000',
  'a=ssrc:3735928559 cname:kJ3nP9sQ2wE5rT8y',
  'a=ssrc:3735928559 msid:5a6c7b2e-0f1d-4c52-9b7e-3b6f1a2d8c90 1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
]);

/** A desk phone putting the call on hold, RFC 3264 style (a=sendonly). */
export const holdSendonly = crlf([
  'v=0',
  'o=phone 8000 8001 IN IP4 203.0.113.5',
  's=SIP Call',
  'c=IN IP4 203.0.113.5',
  't=0 0',
  'm=audio 40000 RTP/AVP 8 0 101',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16',
  'a=ptime:20',
  'a=sendonly',
]);

/** An old gateway putting the call on hold RFC 2543 style (c=0.0.0.0). */
export const holdNullAddress = crlf([
  'v=0',
  'o=gw 1 2 IN IP4 203.0.113.9',
  's=-',
  'c=IN IP4 0.0.0.0',
  't=0 0',
  'm=audio 30000 RTP/AVP 0',
]);

/** An IPv6 softphone with media-level c=, a=rtcp and a video stream kefu must reject. */
export const ipv6WithVideo = crlf([
  'v=0',
  'o=alice 2890844526 2890844526 IN IP6 2001:db8::1',
  's=Call',
  'c=IN IP6 2001:db8::1',
  't=0 0',
  'm=video 51372 RTP/AVP 96',
  'a=rtpmap:96 H264/90000',
  'm=audio 49170 RTP/AVP 0 97',
  'c=IN IP6 2001:db8::2',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:97 telephone-event/8000',
  'a=rtcp:49171 IN IP6 2001:db8::2',
  'a=ptime:30',
  'a=recvonly',
]);

/** Only codecs kefu does not speak. */
export const g729Only = crlf([
  'v=0',
  'o=- 1 1 IN IP4 192.0.2.77',
  's=-',
  'c=IN IP4 192.0.2.77',
  't=0 0',
  'm=audio 7078 RTP/AVP 18 101',
  'a=rtpmap:18 G729/8000',
  'a=fmtp:18 annexb=no',
  'a=rtpmap:101 telephone-event/8000',
]);
