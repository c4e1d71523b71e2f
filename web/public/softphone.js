/**
 * kefu browser softphone: the agent's page rings, answers and talks through WebRTC, with the
 * switch as the other end. Signalling rides on the agent's event stream (/api/stream): the switch
 * sends `{kind:"softphone",type:"offer",legId,sdp,from,display,reconnect}` and `type:"hangup"`;
 * the page answers with `type:"answer"` (its SDP), `"reject"` or `"hangup"`. After a page reload
 * the switch offers the call in progress again (`reconnect: true`), answered without asking.
 *
 * Framework-free on purpose, so the React desktop and plain pages can both use it:
 *   const phone = new KefuSoftphone({ token, onRing: (call) => …, onState: (s) => … });
 *   phone.connect(); phone.answer(legId); phone.sendDtmf('1#'); phone.hangup();
 */
(function (global) {
  'use strict';

  class KefuSoftphone {
    /** @param {{ token: string, base?: string, autoAnswer?: boolean, onRing?: Function, onState?: Function }} o */
    constructor(o) {
      this.o = o;
      this.ws = null;
      this.pc = null;
      this.legId = null;
      this.ringing = new Map();
      this.audio = null;
      this.state = 'idle';
    }

    connect() {
      const base = (this.o.base || location.origin).replace(/^http/, 'ws');
      return new Promise((resolve, reject) => {
        const ws = new WebSocket(`${base}/api/stream?token=${encodeURIComponent(this.o.token)}`);
        this.ws = ws;
        ws.onopen = () => resolve();
        ws.onerror = (e) => reject(e);
        ws.onmessage = (ev) => {
          const m = JSON.parse(ev.data);
          if (m.kind === 'softphone') void this.onSignal(m);
        };
      });
    }

    setState(s) {
      this.state = s;
      if (this.o.onState) this.o.onState(s);
    }

    async onSignal(m) {
      if (m.type === 'offer') {
        this.ringing.set(m.legId, m);
        if (m.reconnect || this.o.autoAnswer) return this.answer(m.legId);
        this.setState('ringing');
        if (this.o.onRing) this.o.onRing({ legId: m.legId, from: m.from, display: m.display });
      } else if (m.type === 'hangup') {
        this.ringing.delete(m.legId);
        if (m.legId === this.legId) this.release();
        else if (this.state === 'ringing') this.setState('idle');
      }
    }

    async answer(legId) {
      const offer = this.ringing.get(legId);
      if (!offer) throw new Error('no such call ringing');
      this.ringing.delete(legId);
      if (this.pc) this.pc.close();
      const pc = new RTCPeerConnection();
      this.pc = pc;
      this.legId = legId;
      pc.ontrack = (e) => {
        if (!this.audio) this.audio = new Audio();
        this.audio.srcObject = e.streams[0] || new MediaStream([e.track]);
        void this.audio.play().catch(() => undefined);
      };
      const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
      for (const t of mic.getAudioTracks()) pc.addTrack(t, mic);
      await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      await new Promise((resolve) => {
        if (pc.iceGatheringState === 'complete') return resolve();
        const t = setTimeout(resolve, 3000);
        pc.addEventListener('icegatheringstatechange', () => {
          if (pc.iceGatheringState === 'complete') {
            clearTimeout(t);
            resolve();
          }
        });
      });
      this.send({ type: 'answer', legId, sdp: pc.localDescription.sdp });
      this.setState('connected');
    }

    reject(legId) {
      this.ringing.delete(legId);
      this.send({ type: 'reject', legId });
      this.setState('idle');
    }

    hangup() {
      if (this.legId) this.send({ type: 'hangup', legId: this.legId });
      this.release();
    }

    sendDtmf(digits) {
      const sender = this.pc && this.pc.getSenders().find((s) => s.dtmf);
      if (!sender) return false;
      sender.dtmf.insertDTMF(digits, 100, 70);
      return true;
    }

    /** Packets and audio energy both ways, for the desktop's call-quality indicator. */
    async stats() {
      const out = { packetsReceived: 0, packetsSent: 0, audioEnergy: 0 };
      if (!this.pc) return out;
      (await this.pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          out.packetsReceived = s.packetsReceived || 0;
          out.audioEnergy = s.totalAudioEnergy || 0;
        }
        if (s.type === 'outbound-rtp' && s.kind === 'audio') out.packetsSent = s.packetsSent || 0;
      });
      return out;
    }

    release() {
      if (this.pc) this.pc.close();
      this.pc = null;
      this.legId = null;
      this.setState('idle');
    }

    send(m) {
      if (this.ws && this.ws.readyState === WebSocket.OPEN)
        this.ws.send(JSON.stringify({ kind: 'softphone', ...m }));
    }

    close() {
      if (this.ws) this.ws.close();
      if (this.pc) this.pc.close();
    }
  }

  global.KefuSoftphone = KefuSoftphone;
})(window);
