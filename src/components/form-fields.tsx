import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

export type RhfTextFieldProps<T extends FieldValues, TOutput extends FieldValues = T> = Omit<
  TextFieldProps,
  'name' | 'value' | 'onChange' | 'onBlur' | 'error'
> & {
  name: FieldPath<T>;
  /** The form's control; its schema may turn the typed text into other types (TOutput). */
  control: Control<T, unknown, TOutput>;
  label: string;
};

/** A MUI TextField bound to react-hook-form; the field's error is shown under it in plain words, above any hint. */
export function RhfTextField<T extends FieldValues, TOutput extends FieldValues = T>({
  name,
  control,
  helperText,
  ...props
}: RhfTextFieldProps<T, TOutput>) {
  const { field, fieldState } = useController({ name, control });
  return (
    <TextField
      {...props}
      name={field.name}
      value={field.value ?? ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      inputRef={field.ref}
      error={fieldState.error !== undefined}
      // The problem first; a hint the field has still holds (the form's name field says how it reads).
      helperText={
        fieldState.error === undefined ? helperText : helperText ? <>{fieldState.error.message}<br />{helperText}</> : fieldState.error.message
      }
    />
  );
}
