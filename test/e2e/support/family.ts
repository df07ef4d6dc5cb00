import { type APIRequestContext, expect } from '@playwright/test';
import { makeIin } from '../../../src/domain';
import type { Referral, Response } from '../../../src/schema';
import { E2E_DISTRICT } from './e2e-district';
import { smsCode } from './sms-inbox';
import type { StaffDesk } from './staff-desk';

/** A valid IIN for a birth date and sex, with a random serial (specs sharing one server never collide). */
export function iinOf(birthDate: string, sex: 'male' | 'female'): string {
  for (let serial = 1000 + Math.floor(Math.random() * 8000); ; serial++) {
    const iin = makeIin({ birthDate, sex, serial });
    if (iin) return iin;
  }
}

/** A parent registered through the API as the web view does it (SMS code, password, IIN); `request` keeps the session. */
export async function registerParent(
  request: APIRequestContext,
  who: { phone: string; password: string; iin: string },
): Promise<void> {
  await request.post('/api/auth/otp', { data: { phone: who.phone, consent: true, purpose: 'register' } });
  const code = await smsCode(request, who.phone);
  const { ticket } = (await (
    await request.post('/api/auth/otp/verify', { data: { phone: who.phone, code, purpose: 'register' } })
  ).json()) as { ticket: string };
  await request.post('/api/auth/register', {
    data: { ticket, password: who.password, passwordConfirmation: who.password },
  });
  expect((await request.post('/api/me/iin', { data: { iin: who.iin } })).ok()).toBe(true);
}

/** Files the child's application for a Kazakh ordinary group in the E2E district; returns its id. */
export async function fileApplication(request: APIRequestContext, childId: string): Promise<string> {
  const filed = await request.post('/api/applications', {
    data: {
      childId,
      groupType: 'ordinary',
      languages: ['kk'],
      regionId: E2E_DISTRICT.regionId,
      localityId: E2E_DISTRICT.localityId,
    },
  });
  expect(filed.ok(), await filed.text()).toBe(true);
  return ((await filed.json()) as { id: string }).id;
}

/** The parent responds to the bulletin and the kindergarten activates the response: the referral issued. */
export async function respondAndActivate(
  request: APIRequestContext,
  staff: StaffDesk,
  bulletinId: string,
  applicationId: string,
): Promise<Referral | undefined> {
  const responded = await request.post(`/api/bulletins/${bulletinId}/responses`, { data: { applicationId } });
  expect(responded.ok(), await responded.text()).toBe(true);
  const response = (await staff.pull<Response>('responses')).find((r) => r.applicationId === applicationId);
  await staff.act('response.activate', { responseId: response!.id });
  return (await staff.pull<Referral>('referrals')).find((r) => r.applicationId === applicationId);
}
