// Small accessible components shared by the renderers. Dependency-free (React only) so the parent
// web view stays within its first-load budget (issue 7). Styles: ui.css.
export { ChoiceGroup, type ChoiceGroupProps } from './choice-group';
export { ConfirmDialog, type ConfirmDialogProps } from './confirm-dialog';
export { CredentialsForm, type CredentialsFormProps } from './credentials-form';
export { type Column, DataTable, type DataTableProps } from './data-table';
export { DefinitionList } from './definition-list';
export { Notice, type NoticeProps } from './notice';
export { Field, type FieldControlProps, type FieldProps } from './field';
export { type SelectOption, SelectField, type SelectFieldProps } from './select-field';
export { type Step, type StepState, Steps, stepState } from './steps';
export { TextField, type TextFieldProps } from './text-field';
