/** Registers the agent desktop's texts (namespace `agent`) in both languages. */
import { registerTexts } from '../i18n/i18n.ts';
import { en } from './texts-en.ts';
import { zh } from './texts-zh.ts';
import './error-texts.ts';

registerTexts('agent', { 'zh-CN': zh, en });
