import { catalogueName } from './catalogueName';

// Errors travel as codes with params (docs/style.md) and become text only here, at the edge: the same
// code reaches the HTTP response, the desktop toast and the audit log.

/** The subset of i18next's `t` this module needs (an array of keys means "first that exists"). */
export type Translate = (key: string | string[], options?: Record<string, unknown>) => string;

export interface CodedError {
  code: string;
  params?: Record<string, unknown>;
}

/**
 * Text of a domain code (errors.*) or an API code (api.*); unknown codes get a generic text naming the
 * code. A `reasons` list of codes (canRespond / canExtend: docs/domain.md, "the parent is told which
 * condition fails") is translated too, one sentence per failed condition.
 */
export function translateError(t: Translate, error: CodedError): string {
  const params: Record<string, unknown> = { ...error.params, code: error.code };
  if (Array.isArray(params.reasons)) {
    params.reasons = params.reasons.map((reason) => translateError(t, { code: String(reason) })).join(' ');
  }
  // invalidPayload names its reason where the generic text would leave the staff guessing (an unknown
  // field, a payload beyond the limits); other reasons fall back to the generic text.
  const reason =
    error.code === 'invalidPayload' && typeof params.reason === 'string' && /^\w+$/.test(params.reason)
      ? [`errors.invalidPayloadReasons.${params.reason}`]
      : [];
  return t([...reason, `errors.${error.code}`, `api.${error.code}`, 'common.unknownError'], params);
}

export interface NotificationLike {
  kind: string;
  params?: Record<string, unknown>;
}

/**
 * The texts name the child, the kindergarten and the group ({{child}}, {{kindergarten}}, {{group}});
 * src/domain stores `childName`, the kindergarten's names in kk and ru and `groupName`: pick the
 * caller's language (Kazakh falls back to Russian and back).
 */
function textNames(p: Record<string, unknown>, lng?: string): Record<string, unknown> {
  const kindergarten =
    p.kindergartenNameKk !== undefined || p.kindergartenNameRu !== undefined
      ? catalogueName({ nameKk: str(p.kindergartenNameKk), nameRu: str(p.kindergartenNameRu) }, lng ?? 'ru')
      : undefined;
  const names: Record<string, unknown> = { child: p.childName, kindergarten, group: p.groupName };
  return Object.fromEntries(Object.entries(names).filter(([, v]) => v !== undefined));
}

/**
 * Text of a stored notification (kind + params, docs/architecture.md). An `actionRejected` notification
 * carries the action kind and the rejection as a coded error; both are translated here too.
 */
export function translateNotification(t: Translate, notification: NotificationLike, lng?: string): string {
  const params: Record<string, unknown> = {
    ...textNames(notification.params ?? {}, lng),
    ...notification.params,
  };
  if (typeof params.action === 'string') params.action = t(`common.operations.${params.action}`);
  const reason = params.reason;
  if (reason && typeof reason === 'object' && typeof (reason as CodedError).code === 'string') {
    params.reason = translateError(t, reason as CodedError);
  }
  const text = t(`notifications.${notification.kind}`, params);
  // A parent with two children must know which one a message is about (issue 14, item 15): a text
  // that does not name the child itself is headed by the child's name.
  const child = params.childName;
  if (typeof child !== 'string' || child === '' || text.includes(child)) return text;
  return t('common.aboutChild', { child, text });
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
