import { parseIin } from '../../src/domain';
import type { Language } from '../../src/i18n';
import type { Group, Kindergarten, Referral } from '../../src/schema';
import type { OrynHost } from './host';

/** What the referral PDF needs, from the replica (src/pdf ReferralPdfData; the seed's "Скачивание направления"). */
export async function referralPdfBytes(
  host: OrynHost,
  referral: Referral,
  kindergarten: Kindergarten | undefined,
  group: Group | undefined,
  language: Language,
  /** The server's PUBLIC_URL: the QR code on the referral opens its check page. */
  publicUrl: string,
) {
  const iin = parseIin(referral.childIin);
  return host.referralPdf({
    data: {
      id: referral.id,
      childIin: referral.childIin,
      childName: referral.childName,
      ...(referral.parentName ? { parentName: referral.parentName } : {}),
      activatedAt: referral.activatedAt,
      validUntil: referral.validUntil,
      ...(referral.extendedUntil ? { extendedUntil: referral.extendedUntil } : {}),
      verificationCode: referral.verificationCode,
      kindergartenName: (language === 'kk' ? kindergarten?.nameKk : kindergarten?.nameRu) ?? '',
      kindergartenAddress: kindergarten?.address ?? '',
      groupName: group?.name ?? '',
      childBirthDate: iin.ok ? iin.value.birthDate : '2000-01-01',
      publicUrl,
    },
    language,
  });
}
