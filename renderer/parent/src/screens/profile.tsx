import { type ChangeEvent, type FormEvent, useState } from 'react';
import { DefinitionList, Notice, TextField } from '../../../ui';
import { updateMe, uploadPhoto } from '../api';
import { CabinetNav } from '../cabinet-nav';
import { FormError } from '../form-error';
import { formatDate, useT } from '../i18n';
import { Page } from '../page';
import { looksLikeKzMobile } from '../phone';
import { isApiError } from '../problem';
import { useRoute } from '../router';
import { useSession } from '../session';
import { type FieldError, problemKey, useForm } from '../use-form';

/** Photos above this are refused before upload (the API caps uploads at a few MB). */
const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/**
 * "Личный кабинет (Профиль)": the registry's data (IIN, names, birth date, sex) read-only; contact
 * phones and address editable; "Изменить фото".
 */
export function Profile() {
  const { t, tr } = useT();
  const me = useSession((s) => s.me)!;
  const setMe = useSession((s) => s.setMe);
  const welcome = useRoute().query.get('welcome') === '1';
  const [saved, setSaved] = useState(false);
  const [photoError, setPhotoError] = useState<FieldError | null>(null);
  const form = useForm({
    contactPhone: me.contactPhone ?? '',
    extraPhone: me.extraPhone ?? '',
    address: me.address ?? '',
  });
  const phoneCheck = (v: string): FieldError | undefined =>
    v.trim() === '' || looksLikeKzMobile(v) ? undefined : { key: 'api.phoneInvalid' };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    void form.submit(
      (v) => ({
        contactPhone: phoneCheck(v.contactPhone),
        extraPhone: phoneCheck(v.extraPhone),
        address: v.address.length > 300 ? { key: 'parent.form.tooLong', params: { max: 300 } } : undefined,
      }),
      async (v) => {
        setMe(await updateMe(v));
        setSaved(true);
      },
    );
  };

  const changePhoto = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    e.currentTarget.value = '';
    if (!file) return;
    if (!/^image\/(jpeg|png|webp)$/.test(file.type)) return setPhotoError({ key: 'api.unsupportedFileType' });
    if (file.size > MAX_PHOTO_BYTES) return setPhotoError({ key: 'api.payloadTooLarge' });
    setPhotoError(null);
    try {
      setMe(await uploadPhoto(file));
    } catch (err) {
      setPhotoError(problemKey(isApiError(err) ? err.problem : { code: 'serverError', status: 0 }));
    }
  };

  return (
    <Page title={t('parent.profile.title')}>
      <CabinetNav />
      {welcome ? <Notice tone="success">{t('parent.registration.done')}</Notice> : null}
      {!me.contactPhone || !me.address ? <Notice>{t('parent.profile.fillProfile')}</Notice> : null}
      <div className="ui-field">
        {me.photoUrl ? (
          <img className="photo" src={me.photoUrl} alt={t('parent.profile.photoAlt')} />
        ) : (
          <div className="photo" role="img" aria-label={t('parent.profile.noPhoto')} />
        )}
        <label className="ui-button ui-button--secondary" htmlFor="photo-input">
          {t('parent.profile.changePhoto')}
        </label>
        <input
          id="photo-input"
          className="ui-visually-hidden"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          onChange={(e) => void changePhoto(e)}
          aria-describedby={photoError ? 'photo-error' : undefined}
        />
        {photoError ? (
          <p id="photo-error" className="ui-error" role="alert">
            {tr(photoError)}
          </p>
        ) : null}
      </div>
      <DefinitionList
        items={[
          [t('parent.profile.login'), me.phone],
          [t('parent.profile.iin'), me.iin],
          [t('parent.profile.lastName'), me.lastName],
          [t('parent.profile.firstName'), me.firstName],
          [t('parent.profile.patronymic'), me.middleName],
          [t('parent.profile.birthDate'), formatDate(me.birthDate)],
          [t('parent.profile.sex'), me.sex ? t(`common.sex.${me.sex}`) : ''],
        ]}
      />
      <form onSubmit={submit} noValidate>
        <TextField
          label={t('parent.profile.phone')}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={form.values.contactPhone}
          onChange={(e) => form.set('contactPhone', e.currentTarget.value)}
          error={tr(form.errors.contactPhone)}
        />
        <TextField
          label={t('parent.profile.extraPhone')}
          type="tel"
          inputMode="tel"
          value={form.values.extraPhone}
          onChange={(e) => form.set('extraPhone', e.currentTarget.value)}
          error={tr(form.errors.extraPhone)}
        />
        <TextField
          label={t('parent.profile.address')}
          autoComplete="street-address"
          maxLength={300}
          value={form.values.address}
          onChange={(e) => form.set('address', e.currentTarget.value)}
          error={tr(form.errors.address)}
        />
        <FormError error={form.errors.form} />
        {saved ? <Notice tone="success">{t('parent.profile.saved')}</Notice> : null}
        <button type="submit" className="ui-button" disabled={form.busy}>
          {t('common.actions.save')}
        </button>
      </form>
    </Page>
  );
}
