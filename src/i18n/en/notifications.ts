// Stored as kind + params (docs/architecture.md); the Russian texts are the seed's own.
export const notifications = {
  applicationAccepted: 'Your application has been accepted. Place in the queue: {{queueNumber}}',
  applicationWithdrawn: 'You have withdrawn your application',
  responded: 'You have responded to a bulletin. Wait for your application to be activated',
  referralIssued:
    'Your application has been approved. You need to bring the referral, identity documents of the applicant and the child and a medical certificate to {{kindergarten}} to sign the contract within 5 working days. Otherwise your application will be put on the stop-list for 10 working days.',
  referralExtended: 'Your referral to {{kindergarten}} has been extended until {{extendedUntil, date}}',
  referralExpired:
    'The referral to {{kindergarten}} has expired. Your application is on the stop-list until {{stopListUntil, date}}',
  stopListEnded: 'The stop-list period is over. Your application is back in the queue in its place',
  contractSigned: 'The contract has been signed. Your child {{child}} is enrolled in {{kindergarten}}',
  bulletinAvailable:
    'A bulletin of free places in {{kindergarten}} is available to you until {{priorityUntil, dateTime}}. Respond to it under "Available to me"',
  interestReminder:
    'Please confirm that you are still interested in a place for {{child}} by {{deadline, date}}, or the application becomes inactive',
  applicationSuspended: 'Your application for {{child}} is inactive because interest was not confirmed',
  actionRejected: 'The operation "{{action}}" was rejected: {{reason}}',
};
