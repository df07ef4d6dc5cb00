import type { Resources } from '../en';

export const notifications: Resources['notifications'] = {
  applicationAccepted: 'Сіздің өтінішіңіз қабылданды. Кезектегі орын {{queueNumber}}',
  applicationWithdrawn: 'Сіз өтінішті сәтті кері қайтардыңыз',
  responded: 'Сіз бюллетеньге жауап бердіңіз. Өтінішіңіздің белсендірілуін күтіңіз',
  referralIssued:
    'Сіздің өтінішіңіз бекітілді. Шарт жасасу үшін 5 жұмыс күні ішінде жолдаманы, өтініш беруші мен баланың жеке басын куәландыратын құжаттарды және медициналық анықтаманы мына ұйымға ұсынуыңыз қажет: {{kindergarten}}. Әйтпесе өтінішіңіз 10 жұмыс күніне стоп-параққа түседі.',
  referralExtended: 'Жолдаманың мерзімі {{extendedUntil, date}} дейін ұзартылды ({{kindergarten}})',
  referralExpired:
    'Жолдаманың мерзімі өтті ({{kindergarten}}). Өтінішіңіз {{stopListUntil, date}} дейін стоп-парақта',
  stopListEnded: 'Стоп-парақ мерзімі аяқталды. Өтінішіңіз кезектегі бұрынғы орнына қайтарылды',
  contractSigned: 'Шарт сәтті жасалды. Сіздің балаңыз {{child}} мына ұйымға қабылданды: {{kindergarten}}',
  bulletinAvailable:
    'Сізге {{priorityUntil, dateTime}} дейін бос орындар бюллетені қолжетімді ({{kindergarten}}). «Маған қолжетімді» бөлімінде жауап беріңіз',
  interestReminder:
    'Бала үшін орын алуға әлі де мүдделі екеніңізді {{deadline, date}} дейін растаңыз ({{child}}), әйтпесе өтініш белсенді емес болады',
  applicationSuspended: 'Мүдделілік расталмағандықтан өтініш белсенді емес ({{child}})',
  actionRejected: '«{{action}}» операциясы қабылданбады: {{reason}}',
};
