import type { SmsGateway } from '../context';
import { AuthError } from './auth-error';

export interface HttpSmsGatewayOptions {
  /** The operator's endpoint: receives POST { to, text } as JSON. */
  url: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey?: string;
  timeoutMs?: number;
}

/** The production SMS operator, configured by URL (SMS_GATEWAY_URL). A failure is a 502 `smsFailed`. */
export class HttpSmsGateway implements SmsGateway {
  constructor(private readonly options: HttpSmsGatewayOptions) {}

  async send(phoneE164: string, text: string): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: phoneE164, text }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch {
      throw new AuthError(502, 'smsFailed');
    }
    if (!response.ok) throw new AuthError(502, 'smsFailed', { status: response.status });
  }
}
