import type { Resources } from '../en';

export const notifications: Resources['notifications'] = {
  applicationAccepted: 'Ваша заявка принята. Место в очереди {{queueNumber}}',
  applicationWithdrawn: 'Вы успешно отозвали заявку',
  responded: 'Вы откликнулись на бюллетень. Дождитесь активации вашей заявки',
  referralIssued:
    'Ваша заявка была утверждена. Вам необходимо предоставить направление, документы, удостоверяющие личность заявителя и ребенка, медицинскую справку в {{kindergarten}} для заключения договора в течение 5-ти рабочих дней. В ином случае ваша заявка попадет в стоп-лист на 10 рабочих дней.',
  referralExtended: 'Направление в {{kindergarten}} продлено до {{extendedUntil, date}}',
  referralExpired:
    'Срок действия направления в {{kindergarten}} истек. Ваша заявка находится в стоп-листе до {{stopListUntil, date}}',
  stopListEnded: 'Срок стоп-листа истек. Ваша заявка вернулась в очередь на прежнее место',
  contractSigned: 'Договор успешно подписан. Ваш ребенок {{child}} зачислен в {{kindergarten}}',
  bulletinAvailable:
    'Вам доступен бюллетень свободных мест в {{kindergarten}} до {{priorityUntil, dateTime}}. Откликнитесь в разделе «Доступные мне»',
  interestReminder:
    'Подтвердите заинтересованность в получении места для {{child}} до {{deadline, date}}, иначе заявка станет неактивной',
  applicationSuspended: 'Заявка на {{child}} неактивна: заинтересованность не подтверждена',
  actionRejected: 'Операция «{{action}}» отклонена: {{reason}}',
};
