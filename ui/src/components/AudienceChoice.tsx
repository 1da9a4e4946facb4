// The "For" choice of the forms that record something (the quick log, a
// deadline, documents): the office only, all parties, or one party alone.
// It shows what the core will decide (`value`) until the user picks.

import type { Audience } from "../bindings/Audience";
import { useI18n } from "../i18n";
import { audienceOptions } from "../lib/audience";

type Props = {
  value: Audience;
  parties: readonly string[];
  onChange: (audience: Audience) => void;
  /** Shown, not changeable (an agreement is always for all parties); `title` says why. */
  disabled?: boolean;
  title?: string;
  testid: string;
};

export function AudienceChoice({ value, parties, onChange, disabled = false, title, testid }: Props) {
  const { t } = useI18n();
  return (
    <select
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.currentTarget.value)}
      aria-label={t("audience.for")}
      title={title ?? t("audience.forTitle")}
      data-testid={testid}
      data-audience={value}
    >
      {audienceOptions(parties, t).map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
