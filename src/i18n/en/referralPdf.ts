// The printed referral (src/pdf).
export const referralPdf = {
  title: 'REFERRAL',
  subtitle: 'to a preschool organisation',
  kindergarten: 'Preschool organisation',
  address: 'Address',
  group: 'Group',
  child: "Child's full name",
  childIin: "Child's IIN",
  birthDate: 'Date of birth',
  parent: "Parent's (legal representative's) full name",
  issuedAt: 'Date of issue',
  validUntil: 'Valid until (inclusive)',
  extendedUntil: 'Extended until (inclusive)',
  verificationCode: 'Verification code',
  checkHint:
    'Scan the QR code, or open {{url}} and enter the code, to check that this referral is genuine and valid today.',
  instruction:
    'Within 5 working days bring to the preschool organisation: this referral, identity documents of the applicant and the child, and a medical certificate. Otherwise the referral is annulled and the application goes to the stop-list for 10 working days.',
  extensionNote:
    'The referral can be extended once, by up to 30 calendar days, on its last valid day, with supporting documents.',
};
