// A new passphrase, typed twice: the signing key's, and the encrypted data
// folder's (made, or changed). Each caller checks the two agree.

type Props = {
  /** The two fields' labels. */
  labels: [string, string];
  values: [string, string];
  onInput: [(value: string) => void, (value: string) => void];
  disabled?: boolean;
  /** Test ids: `<testid>` and `<testid>-again`. */
  testid: string;
  /** Said under the second field. */
  hint?: string;
};

export function NewPassphraseFields({ labels, values, onInput, disabled = false, testid, hint }: Props) {
  return (
    <>
      {([0, 1] as const).map((i) => (
        <label class="field" key={i}>
          <span class="field-label">{labels[i]}</span>
          <input
            type="password"
            value={values[i]}
            autoFocus={i === 0}
            autoComplete="new-password"
            disabled={disabled}
            onInput={(e) => onInput[i](e.currentTarget.value)}
            data-testid={i === 0 ? testid : `${testid}-again`}
          />
          {i === 1 && hint && <span class="hint">{hint}</span>}
        </label>
      ))}
    </>
  );
}
