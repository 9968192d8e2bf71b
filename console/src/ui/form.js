// A form's state and its submission: the values, each field's error from the API's problem document
// (errors[].field, shown next to that field) and the form's own error for the rest.
import { html, useState } from './html.js';
import { ApiError } from '../api.js';
import { errorMessage } from './page.js';

/**
 * Splits a failed call into errors by field and one line for the rest. fieldOf(apiField) names the form
 * field an API field belongs to ("branding.accentColour" → "accentColour"); fields not in `shown` go to
 * the line, named, so no message is lost.
 */
export function problemOf(error, shown, fieldOf = f => f) {
  if (!(error instanceof ApiError) || error.errors.length === 0) {
    return { fields: {}, other: errorMessage(error) };
  }
  const fields = {};
  const rest = [];
  error.errors.forEach(e => {
    const key = fieldOf(e.field);
    if (shown.includes(key)) {
      fields[key] = fields[key] ? `${fields[key]}; ${e.message}` : e.message;
    } else {
      rest.push(`${e.field}: ${e.message}`);
    }
  });
  return { fields, other: rest.length ? rest.join('; ') : null };
}

/**
 * {values, set(name) → input handler, setValues, errors, error, busy, submit(action)}: submit runs
 * action(values) (an async API call) and on failure puts the API's field errors next to the fields in
 * `shown`.
 */
export function useForm(initial, shown, fieldOf) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState({});
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = name => event => {
    const target = event.target;
    const value = target.type === 'checkbox' ? target.checked : target.value;
    setValues(v => ({ ...v, [name]: value }));
  };
  const submit = action => async event => {
    if (event) event.preventDefault();
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      return await action(values);
    } catch (e) {
      const problem = problemOf(e, shown, fieldOf);
      setErrors(problem.fields);
      setError(problem.other);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { values, set, setValues, errors, setErrors, error, setError, busy, submit };
}

/** A labelled checkbox. */
export function Check({ name, label, checked, onChange, hint }) {
  const id = `field-${name}`;
  return html`
    <div class="check">
      <input type="checkbox" id=${id} name=${name} checked=${checked} onChange=${onChange}
        aria-describedby=${hint ? `${id}-hint` : undefined} />
      <label for=${id}>${label}</label>
      ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
    </div>`;
}
