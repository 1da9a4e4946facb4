// One field of a filing template's form, as its type asks: a line, several
// lines, a date (typed YYYY-MM-DD: components/DateInput.tsx), a whole
// number, or one of the case's parties.

import type { FieldSpec } from "../../bindings/FieldSpec";
import { DateInput } from "../../components/DateInput";
import { useI18n } from "../../i18n";

export function FieldInput({
  field,
  label,
  value,
  parties,
  onChange,
}: {
  field: FieldSpec;
  label: string;
  value: string;
  parties: string[];
  onChange: (v: string) => void;
}) {
  const { t } = useI18n();
  const testid = `field-${field.name}`;
  const common = { "data-testid": testid, "aria-required": field.required, name: field.name };
  let input;
  switch (field.type) {
    case "multiline":
      input = <textarea rows={4} value={value} onInput={(e) => onChange(e.currentTarget.value)} {...common} />;
      break;
    case "date":
      input = <DateInput kind="date" value={value} onInput={onChange} testid={testid} name={field.name} required={field.required} />;
      break;
    case "number":
      input = <input type="number" step={1} value={value} onInput={(e) => onChange(e.currentTarget.value)} {...common} />;
      break;
    case "party":
      input = (
        <select value={value} onChange={(e) => onChange(e.currentTarget.value)} {...common}>
          <option value="">{t("filing.chooseParty")}</option>
          {parties.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      );
      break;
    default:
      input = <input type="text" value={value} onInput={(e) => onChange(e.currentTarget.value)} {...common} />;
  }
  return (
    <label class="field">
      <span class="field-label">
        {label}
        {field.required ? <span class="required"> *</span> : <span class="muted"> ({t("common.optional")})</span>}
      </span>
      {input}
    </label>
  );
}
