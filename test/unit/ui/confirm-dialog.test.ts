import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfirmDialog } from '../../../renderer/ui';

const dialog = (tone: 'primary' | 'danger') =>
  renderToStaticMarkup(
    createElement(ConfirmDialog, {
      open: false,
      title: 'Активировать',
      confirmLabel: 'Активировать',
      cancelLabel: 'Отмена',
      tone,
      onConfirm: () => undefined,
      onCancel: () => undefined,
    }),
  );

describe('a confirmation', () => {
  it('colours its button by meaning: a step forward is primary, what takes something away is danger', () => {
    expect(dialog('primary')).toContain('<button type="button" class="ui-button">Активировать</button>');
    expect(dialog('primary')).not.toContain('ui-button--danger');
    expect(dialog('danger')).toContain('class="ui-button ui-button--danger">Активировать</button>');
  });
});
