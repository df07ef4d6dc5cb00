import type { Logger } from 'pino';
import type { SmsGateway } from '../context';
import { maskPhone } from '../logging';

/**
 * Development SMS operator: logs one masked line per message and keeps the last code per phone in
 * memory, so a developer or an e2e test can read it through the dev-only endpoint
 * (config.devSmsEndpoint). The code itself never reaches the log.
 */
export class ConsoleSmsGateway implements SmsGateway {
  private readonly lastCodes = new Map<string, string>();

  constructor(private readonly log: Logger) {}

  async send(phoneE164: string, text: string): Promise<void> {
    const code = /\b\d{6}\b/.exec(text)?.[0];
    // A message without a code ("this number already has an account") replaces the last code too.
    if (code) this.lastCodes.set(phoneE164, code);
    else this.lastCodes.delete(phoneE164);
    this.log.info(
      { to: maskPhone(phoneE164), chars: text.length },
      'sms (console gateway): message not sent',
    );
  }

  /** The last code sent to this phone, for dev/e2e only. */
  lastCode(phoneE164: string): string | undefined {
    return this.lastCodes.get(phoneE164);
  }
}
