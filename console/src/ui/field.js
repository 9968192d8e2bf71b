// A labelled form control with its error underneath, tied together for screen readers.
import { html } from './html.js';

/**
 * props: label, name (the control's id is field-<name> unless id is given), error, hint, `as`
 * ('input' default, 'select', 'textarea') and the control's own attributes (type, value, onInput,
 * required…); children are a select's options.
 */
export function Field(props) {
  const { label, error, hint, as = 'input', children, id: _id, ...control } = props;
  const id = props.id || `field-${control.name}`;
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  const Tag = as;
  return html`
    <div class=${`field${error ? ' field-invalid' : ''}`}>
      <label for=${id}>${label}</label>
      <${Tag} id=${id} aria-invalid=${error ? 'true' : undefined} aria-describedby=${described} ...${control}>${children}</${Tag}>
      ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
      ${error && html`<p class="error" id=${`${id}-error`}>${error}</p>`}
    </div>`;
}

/** The form's own error (not tied to one field), announced when it appears. */
export function FormError({ error }) {
  if (!error) return null;
  return html`<p class="form-error" role="alert">${error}</p>`;
}
