// A date field (YYYY-MM-DD) or a date-and-time field (YYYY-MM-DD HH:MM),
// typed as text. Not <input type="date"> or "datetime-local": WebKitGTK
// shows those in the order of the system's locale (11/26/2026 on a US
// system), whatever the UI language. The form asked for is the field's
// placeholder; what does not read as a date (or time) is said under the
// field once it is left, or once the form was sent (`checked`), and no
// longer as soon as the text reads. Reading the text is lib/time.ts's.

import { useEffect, useState } from "preact/hooks";

import { useI18n } from "../i18n";
import { fieldProblemText } from "../lib/time";

type Props = {
  /** "date": YYYY-MM-DD; "time": YYYY-MM-DD HH:MM. */
  kind: "date" | "time";
  value: string;
  onInput: (text: string) => void;
  /** The form was sent: say what is wrong now, even if the field was not left. */
  checked?: boolean;
  /** On the input; its message has `<testid>-problem`. */
  testid: string;
  /** For a field without a visible label (also its tooltip). */
  label?: string;
  name?: string;
  required?: boolean;
  disabled?: boolean;
  /** Other attributes for the WebDriver tests (`data-edited`). */
  data?: Record<`data-${string}`, string>;
};

export function DateInput({ kind, value, onInput, checked = false, testid, label, name, required, disabled, data }: Props) {
  const { t, lang } = useI18n();
  // The field was left holding text that does not read (forgotten once it reads,
  // however it came to: typed, or set by "Now").
  const [left, setLeft] = useState(false);
  const problem = fieldProblemText(kind, value, lang);
  useEffect(() => {
    if (problem === null) setLeft(false);
  }, [problem]);
  const shown = (left || checked) && problem !== null && !disabled;
  const problemId = `${testid}-problem`;
  return (
    <span class={`date-field date-field--${kind}`}>
      <input
        type="text"
        value={value}
        placeholder={t(kind === "date" ? "dateField.placeholder" : "timeField.placeholder")}
        autoComplete="off"
        spellcheck={false}
        aria-label={label}
        title={label}
        aria-required={required}
        disabled={disabled}
        aria-invalid={shown}
        aria-describedby={shown ? problemId : undefined}
        name={name}
        onInput={(e) => onInput(e.currentTarget.value)}
        onBlur={() => setLeft(problem !== null)}
        data-testid={testid}
        {...data}
      />
      {shown && (
        <span class="field-problem" role="alert" id={problemId} data-testid={problemId}>
          {problem}
        </span>
      )}
    </span>
  );
}
